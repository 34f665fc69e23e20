//! The simulated tenant's HTTP protocol, tested as a Graph client sees it: calendar views and
//! recurrence, drive reads and writes, To Do. One test binary (each binary links the crate
//! again; on a 2-core machine linking dominates).
mod harness;

mod calendar;
mod calendar_recurrence;
mod drive;
mod drive_organise;
mod drive_writes;
mod meeting_times;
mod todo;
