//! xlate
