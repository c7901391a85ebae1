//! linux-sys
