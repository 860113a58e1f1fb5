#include "core/playbook/Render.h"

#include "core/model/Error.h"
#include "core/playbook/MarkdownSyntax.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <string>

namespace reverie::playbook {

namespace {

// Keys in the order they are written, so the file diffs cleanly between publishes.
using OrderedJson = nlohmann::ordered_json;

OrderedJson namesToJson(const QStringList &names)
{
    OrderedJson list = OrderedJson::array();
    for (const QString &n : names)
        list.push_back(n.toStdString());
    return list;
}

} // namespace

QByteArray renderMarkdown(const std::vector<Rule> &rules)
{
    // Continuation lines (a rule text with newlines) are indented under their bullet.
    const QStringView indent = u"  ";
    QString out = QStringLiteral("# Playbook\n\n");
    out += markdown::generatedNote();
    out += QLatin1String("\n\n");
    for (const Rule &r : rules) {
        QString line = QStringLiteral("- ");
        if (!r.id.isEmpty())
            line += QLatin1String("**") + markdown::escapeName(r.id) + QLatin1String("**");
        const QString text = markdown::escapeText(r.text, indent);
        if (!r.id.isEmpty() && !text.isEmpty())
            line += QLatin1Char(' ');
        line += text;
        line += markdown::scopeSuffix(r);
        out += line + QLatin1Char('\n');
    }
    return out.toUtf8();
}

QByteArray renderJson(const PlaybookVersion &version)
{
    OrderedJson rules = OrderedJson::array();
    for (const Rule &r : version.rules) {
        OrderedJson rule;
        rule["id"] = r.id.toStdString();
        rule["text"] = r.text.toStdString();
        OrderedJson scope;
        scope["workflows"] = namesToJson(r.scope.workflows);
        scope["tools"] = namesToJson(r.scope.tools);
        // Only when set: a file published before model scopes still matches its version.
        if (!r.scope.models.isEmpty())
            scope["models"] = namesToJson(r.scope.models);
        rule["scope"] = std::move(scope);
        rule["stakes"] = stakesName(r.stakes).toStdString();
        rules.push_back(std::move(rule));
    }
    OrderedJson doc;
    // First, so a reader (findMarker among others) knows what it holds before the rules.
    doc["format"] = "reverie-playbook/1";
    doc["version"] = version.number;
    doc["hash"] = version.hash.toStdString();
    doc["rules"] = std::move(rules);
    std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
    return QByteArray::fromStdString(text);
}

bool targetWantsJson(const QString &path) { return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive); }

void publishAtomically(const QString &path, const QByteArray &bytes)
{
    if (path.isEmpty())
        throw Error(QStringLiteral("(no path): the publish target has no file name"));
    const QFileInfo info(path);
    if (info.isDir())
        throw Error(QStringLiteral("%1: is a folder, not a file").arg(path));
    const QString folder = info.absolutePath();
    if (!QDir().mkpath(folder))
        throw Error(QStringLiteral("%1: cannot create the folder %2").arg(path, QDir::toNativeSeparators(folder)));

    // QSaveFile writes a temporary file next to the target and renames it over the target on
    // commit; on any failure the temporary is removed and the old file is left as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        throw Error(QStringLiteral("%1: cannot write: %2").arg(path, why));
    }
    if (!file.commit())
        throw Error(QStringLiteral("%1: cannot replace the file: %2").arg(path, file.errorString()));
}

} // namespace reverie::playbook
