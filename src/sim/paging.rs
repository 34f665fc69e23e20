//! sim::paging (being written): $top/$skip/$skiptoken pages with @odata.nextLink.
