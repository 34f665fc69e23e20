//! Delta rounds on a drive (graph-facts §2.8, driveitem-delta): every item of the drive the
//! first time, then what changed; deleted items carry the `deleted` facet. The links carry a
//! `token` parameter; they are followed as given (`delta::pages`).
use super::super::client::GraphClient;
use super::super::encode::encode_segment;
use super::super::request::Request;
use super::CHILDREN_MAX_PAGE;

/// The first request of a round over a drive: `drive_id` `None` is the resource's own drive.
pub fn drive_delta_request(client: &GraphClient, drive_id: Option<&str>) -> Request {
    let path = match drive_id {
        Some(id) => format!("drives/{}/root/delta", encode_segment(id)),
        None => client.resource_path("drive/root/delta"),
    };
    Request::get(path).with_param("$top", CHILDREN_MAX_PAGE)
}
