//! Reflective models: the structured templates a reflection can follow, one Markdown section
//! per stage, each with a short prompt.

use serde::{Deserialize, Serialize};

/// One stage of a reflective model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    /// Key used in forms and the API's `sections` object.
    pub key: &'static str,
    /// The stage's name.
    pub title: &'static str,
    /// A question to start writing from.
    pub prompt: &'static str,
}

/// The reflective models an entry can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReflectiveModel {
    /// Gibbs' reflective cycle.
    Gibbs,
    /// Kolb's experiential learning cycle.
    Kolb,
    /// Borton and Driscoll: What? So what? Now what?
    Driscoll,
    /// Schön: reflection in and on action.
    Schon,
    /// Johns' model of structured reflection.
    Johns,
}

const GIBBS: &[Stage] = &[
    Stage {
        key: "description",
        title: "Description",
        prompt: "What happened? Who was there, where, and what did you do?",
    },
    Stage {
        key: "feelings",
        title: "Feelings",
        prompt: "What were you thinking and feeling at the time?",
    },
    Stage {
        key: "evaluation",
        title: "Evaluation",
        prompt: "What went well and what went less well?",
    },
    Stage {
        key: "analysis",
        title: "Analysis",
        prompt: "Why did it go that way? What do theory, law and research say?",
    },
    Stage {
        key: "conclusion",
        title: "Conclusion",
        prompt: "What have you learnt? What else could you have done?",
    },
    Stage {
        key: "action_plan",
        title: "Action plan",
        prompt: "What will you do differently or develop next time?",
    },
];

const KOLB: &[Stage] = &[
    Stage {
        key: "concrete_experience",
        title: "Concrete experience",
        prompt: "What happened, as plainly as you can put it?",
    },
    Stage {
        key: "reflective_observation",
        title: "Reflective observation",
        prompt: "Looking back, what do you notice about it and about yourself?",
    },
    Stage {
        key: "abstract_conceptualisation",
        title: "Abstract conceptualisation",
        prompt: "Which theories, law or research help explain it?",
    },
    Stage {
        key: "active_experimentation",
        title: "Active experimentation",
        prompt: "What will you try next time, and how will you know it worked?",
    },
];

const DRISCOLL: &[Stage] = &[
    Stage {
        key: "what",
        title: "What?",
        prompt: "What happened, and what was your part in it?",
    },
    Stage {
        key: "so_what",
        title: "So what?",
        prompt: "What does it mean for the family, for you and for your practice?",
    },
    Stage {
        key: "now_what",
        title: "Now what?",
        prompt: "What will you do now, and what support do you need?",
    },
];

const SCHON: &[Stage] = &[
    Stage {
        key: "reflection_in_action",
        title: "Reflection-in-action",
        prompt: "What were you noticing and adjusting while it was happening?",
    },
    Stage {
        key: "reflection_on_action",
        title: "Reflection-on-action",
        prompt: "Looking back now, what do you make of it, and what would you change?",
    },
];

const JOHNS: &[Stage] = &[
    Stage {
        key: "description",
        title: "Description",
        prompt: "Describe the experience and what was significant about it.",
    },
    Stage {
        key: "reflection",
        title: "Reflection",
        prompt: "What were you trying to achieve, and what were the consequences?",
    },
    Stage {
        key: "influencing_factors",
        title: "Influencing factors",
        prompt: "What internal and external factors shaped your decisions?",
    },
    Stage {
        key: "alternatives",
        title: "Alternatives",
        prompt: "What else could you have done, and with what consequences?",
    },
    Stage {
        key: "learning",
        title: "Learning",
        prompt: "What have you learnt, and how will it change your practice?",
    },
];

impl ReflectiveModel {
    /// Every model, in the order forms offer them.
    pub const ALL: [ReflectiveModel; 5] = [
        Self::Gibbs,
        Self::Kolb,
        Self::Driscoll,
        Self::Schon,
        Self::Johns,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gibbs => "gibbs",
            Self::Kolb => "kolb",
            Self::Driscoll => "driscoll",
            Self::Schon => "schon",
            Self::Johns => "johns",
        }
    }

    /// Parses a stored or wire name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|model| model.as_str() == name)
    }

    /// The model's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gibbs => "Gibbs' reflective cycle",
            Self::Kolb => "Kolb's learning cycle",
            Self::Driscoll => "Driscoll: What? So what? Now what?",
            Self::Schon => "Schön: reflection in and on action",
            Self::Johns => "Johns' structured reflection",
        }
    }

    /// The model's stages, in order.
    pub fn stages(self) -> &'static [Stage] {
        match self {
            Self::Gibbs => GIBBS,
            Self::Kolb => KOLB,
            Self::Driscoll => DRISCOLL,
            Self::Schon => SCHON,
            Self::Johns => JOHNS,
        }
    }

    /// The stage in which the writer plans what to do next, if the model has one: Gibbs'
    /// action plan, Kolb's active experimentation, Driscoll's "Now what?". Such a plan is
    /// worth looking at again, so a new reflection on one of these gets a revisit date.
    pub fn action_stage(self) -> Option<&'static Stage> {
        let key = match self {
            Self::Gibbs => "action_plan",
            Self::Kolb => "active_experimentation",
            Self::Driscoll => "now_what",
            Self::Schon | Self::Johns => return None,
        };
        self.stage(key)
    }

    /// The stage with `key`, if the model has one.
    pub fn stage(self, key: &str) -> Option<&'static Stage> {
        self.stages().iter().find(|stage| stage.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names_follow_the_models() {
        let titles = |model: ReflectiveModel| -> Vec<&str> {
            model.stages().iter().map(|stage| stage.title).collect()
        };
        assert_eq!(
            titles(ReflectiveModel::Gibbs),
            [
                "Description",
                "Feelings",
                "Evaluation",
                "Analysis",
                "Conclusion",
                "Action plan"
            ]
        );
        assert_eq!(
            titles(ReflectiveModel::Driscoll),
            ["What?", "So what?", "Now what?"]
        );
        assert_eq!(titles(ReflectiveModel::Kolb).len(), 4);
        assert_eq!(titles(ReflectiveModel::Schon).len(), 2);
        assert_eq!(titles(ReflectiveModel::Johns).len(), 5);
        let planning: Vec<_> = ReflectiveModel::ALL
            .into_iter()
            .filter_map(|model| model.action_stage().map(|stage| stage.title))
            .collect();
        assert_eq!(
            planning,
            ["Action plan", "Active experimentation", "Now what?"]
        );
        for model in ReflectiveModel::ALL {
            assert_eq!(ReflectiveModel::parse(model.as_str()), Some(model));
            let mut keys: Vec<_> = model.stages().iter().map(|s| s.key).collect();
            keys.dedup();
            assert_eq!(keys.len(), model.stages().len());
        }
    }
}
