#pragma once

#include <QString>

namespace reverie::pg {

class Connection;

// Who may do what in a server workspace. Two group roles per workspace database,
// "<database>_reviewer" and "<database>_analyst": analysts read everything and may import,
// dream and propose; reviewers may also decide (reviews, playbook versions, policy, publish
// log). The server enforces it table by table, so a reviewer's decision cannot be written by
// someone else even with psql. Once any login role is a member of either group, the
// workspace's people are its authenticated users: each acts as the user they connected as,
// never under a name typed into a box.
enum class WorkspaceRole { Reviewer, Analyst };

// Creates both groups (when missing) and grants them their tables; needs a user that may
// create roles. Returns false, leaving everything as it was, when the server refuses.
bool setUpRoles(Connection &conn);
// Makes `user` (an existing login role) a reviewer or an analyst of this workspace, and
// takes the other role away. Throws pg::Error with the server's reason.
void grantRole(Connection &conn, const QString &user, WorkspaceRole role);
// Whether any user has been given a role here (then identities are the connections' users).
bool rolesInUse(Connection &conn);
// Whether the connected user may decide (write reviews and playbook versions).
bool mayDecide(Connection &conn);

} // namespace reverie::pg
