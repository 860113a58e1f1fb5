#pragma once

#include <QStringList>

namespace reverie::store {
class Workspace;
}

namespace reverie::review {

// Whether the policy in force is the one its recorded changes produced. Every policy change
// goes through the review log with the values it set; a setting whose current value differs
// from the last value recorded for it was changed outside Reverie (an edit of the file), which
// would loosen the gate without a trace. Settings never changed through the log (a workspace
// older than the log, or set up directly by a tool) are not judged. One line per difference.
QStringList auditPolicy(store::Workspace &ws);

} // namespace reverie::review
