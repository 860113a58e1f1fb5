#include "ui/common/WorkspaceName.h"

#include "core/store/Workspace.h"
#include "core/store/pg/PgConnection.h"

#include <QFileInfo>

namespace reverie::ui {

QString workspaceDisplayName(const QString &path)
{
    if (store::Workspace::isServerAddress(path))
        return pg::Address{path}.display();
    return QFileInfo(path).fileName();
}

} // namespace reverie::ui
