#include "core/ingest/formats/TauBenchText.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace reverie::ingest::taubench {

using json::Json;

// The benchmark's environments; the results file name usually says which one ran.
const QStringList &knownDomains()
{
    static const QStringList domains = {QStringLiteral("airline"), QStringLiteral("retail"),
                                        QStringLiteral("telecom"), QStringLiteral("mock")};
    return domains;
}

// OpenAI content is a string or a list of parts; only the text parts are for reading.
QString contentText(const Json *content)
{
    if (!content || content->is_null())
        return {};
    if (!content->is_array())
        return json::toText(*content);
    QStringList parts;
    for (const Json &part : *content) {
        if (part.is_string())
            parts << json::toText(part);
        else if (const QString text = json::str(part, "text"); !text.isEmpty())
            parts << text;
    }
    return parts.join(QLatin1Char('\n'));
}

// "# Airline Agent Policy" opens the system prompt of every tau-bench domain.
QString domainFromSystemPrompt(const QString &prompt)
{
    static const QLatin1String suffix(" Agent Policy");
    if (!prompt.startsWith(QLatin1String("# ")))
        return {};
    const int end = prompt.indexOf(suffix);
    const int eol = prompt.indexOf(QLatin1Char('\n'));
    if (end < 2 || (eol >= 0 && end > eol))
        return {};
    return prompt.mid(2, end - 2).trimmed().toLower();
}

// The first release's GPT agent stored the SDK's call object through str(): a Python repr,
// "Function(arguments='{...}', name='get_user_details')", without the call's id.
bool parseFunctionRepr(const QString &repr, QString &name, QString &arguments)
{
    static const QRegularExpression re(QStringLiteral("^Function\\(arguments=(['\"])(.*)\\1, name=(['\"])(.*)\\3\\)$"),
                                       QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = re.match(repr.trimmed());
    if (!m.hasMatch())
        return false;
    QString args;
    const QString quoted = m.captured(2);
    for (int i = 0; i < quoted.size(); ++i) {
        const QChar c = quoted.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= quoted.size()) {
            args += c;
            continue;
        }
        const QChar e = quoted.at(++i);
        args += e == QLatin1Char('n') ? QChar(QLatin1Char('\n')) : e == QLatin1Char('t') ? QChar(QLatin1Char('\t')) : e;
    }
    name = m.captured(4);
    arguments = args;
    return true;
}

bool looksLikeToolError(const QString &text)
{
    // tau-bench tools report failures as a plain string result starting with "Error".
    return text.startsWith(QLatin1String("Error")) || text.startsWith(QLatin1String("error:"));
}

FileFacts factsFromPath(const QString &path)
{
    FileFacts f;
    f.baseName = QFileInfo(path).completeBaseName();
    const QString lower = f.baseName.toLower();
    for (const QString &d : knownDomains()) {
        const int at = lower.indexOf(d);
        if (at < 0)
            continue;
        f.domain = d;
        if (at > 1 && (lower.at(at - 1) == QLatin1Char('-') || lower.at(at - 1) == QLatin1Char('_')))
            f.model = f.baseName.left(at - 1);
        break;
    }
    return f;
}

} // namespace reverie::ingest::taubench
