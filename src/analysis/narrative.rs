//! Prose checks (placeholder).
