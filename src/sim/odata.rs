//! sim::odata (being written): $select, $filter, $orderby, $search, $count over JSON.
