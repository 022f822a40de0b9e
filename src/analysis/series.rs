//! Series checks (placeholder).
