//! Sign-in limits hold across instances.
