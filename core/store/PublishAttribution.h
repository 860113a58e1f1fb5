#pragma once

namespace reverie::store {

class Workspace;

// Which playbook a run saw, from the publish record: a run that worked in the folder of a
// publish target (its cwd is that folder or under it) and started after version N was
// published there, and before the next version was, ran under N. Only runs whose version
// nobody stated (no explicit version, no marker) are attributed this way; a run with no
// published target in its folder, or that started before the first publish, stays unknown.
// Returns how many runs changed. One write transaction.
int attributeByPublishRecords(Workspace &ws);

} // namespace reverie::store
