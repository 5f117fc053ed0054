//! Background jobs run once across instances.
