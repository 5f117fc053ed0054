//! Matching text without regard to case, the same on both backends. SQLite's `LIKE` folds
//! ASCII case by itself; PostgreSQL's folds none, and refuses a column whose collation
//! ignores case (`nocase`, as usernames, case references and tag codes have). So both
//! sides are lowered, on PostgreSQL under the byte-order collation `"C"`, which folds ASCII
//! letters only, as SQLite's `lower()` does.

use diesel::QueryResult;
use diesel::expression::{
    AppearsOnTable, AsExpression, Expression, SelectableExpression, ValidGrouping,
};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;

use super::backend::MultiBackend;

/// Text in lower case (ASCII letters), built by [`folded`].
#[derive(Debug, Clone, Copy, QueryId)]
pub struct Folded<T>(T);

/// `text` with ASCII letters in lower case.
pub fn folded<T>(text: T) -> FoldedText<T>
where
    T: AsExpression<Text>,
{
    Folded(text.as_expression())
}

/// Text in lower case, as an expression of what it lowers.
pub type FoldedText<T> = Folded<<T as AsExpression<Text>>::Expression>;

/// Whether `column` matches the `LIKE` pattern without regard to ASCII case.
pub fn like_any_case<C>(
    column: C,
    pattern: String,
) -> diesel::dsl::Like<FoldedText<C>, FoldedText<String>>
where
    C: AsExpression<Text>,
{
    folded(column).like(folded(pattern))
}

impl<T: Expression<SqlType = Text>> Expression for Folded<T> {
    type SqlType = Text;
}

impl<T: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for Folded<T> where Self: Expression {}

impl<T: SelectableExpression<QS>, QS> SelectableExpression<QS> for Folded<T> where
    Self: AppearsOnTable<QS>
{
}

impl<T: ValidGrouping<G>, G> ValidGrouping<G> for Folded<T> {
    type IsAggregate = T::IsAggregate;
}

impl<T: QueryFragment<Sqlite>> QueryFragment<Sqlite> for Folded<T> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        out.push_sql("lower(");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(")");
        Ok(())
    }
}

impl<T: QueryFragment<Pg>> QueryFragment<Pg> for Folded<T> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("lower((");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") COLLATE \"C\")");
        Ok(())
    }
}

impl<T> QueryFragment<MultiBackend> for Folded<T>
where
    T: QueryFragment<Sqlite> + QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}
