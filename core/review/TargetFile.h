#pragma once

#include <QByteArray>
#include <QString>

namespace reverie::review {

// Why a path may not be a publish target, or empty: a folder, a symbolic link, or a file in a
// folder reached through one (a link could point anywhere: `ln -s ../victim/x AGENTS.md` must
// not make Reverie overwrite victim/x). Links are never followed.
QString targetProblem(const QString &path);

// The file's bytes, or an empty array when it does not exist. Throws reverie::Error naming
// the path when it exists and cannot be read.
QByteArray readTarget(const QString &path);

// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename): a
// reader never sees half a file, and a failure leaves the old file as it was. The permissions
// and, where this process may set it, the owner of an existing file are kept. Throws
// reverie::Error naming the path and the cause in words ("the disk is full", ...).
void writeTargetAtomically(const QString &path, const QByteArray &bytes);

} // namespace reverie::review
