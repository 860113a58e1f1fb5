#include "core/playbook/PlaybookParser.h"

#include "core/model/Error.h"
#include "core/model/JsonNesting.h"
#include "core/playbook/ManagedBlock.h"
#include "core/playbook/MarkdownSyntax.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

namespace reverie::playbook {

namespace {

using Json = nlohmann::json;

// A playbook is a flat list; nesting this deep is an attack on the recursive parser's stack.
constexpr int kMaxDepth = 64;

qsizetype firstInvalidUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return qsizetype(i);
        }
        if (i + len > s.size())
            return qsizetype(i);
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return qsizetype(i);
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return qsizetype(i);
        i += len;
    }
    return -1;
}

int lineAt(std::string_view s, std::size_t offset)
{
    offset = std::min(offset, s.size());
    return 1 + int(std::count(s.begin(), s.begin() + std::ptrdiff_t(offset), '\n'));
}

// Where each element of the rules array starts: the top-level array, or the array under the
// top-level "rules" key. Only run on text that already parsed, so it can be simple.
std::vector<std::size_t> ruleOffsets(std::string_view s)
{
    std::vector<std::size_t> offsets;
    int depth = 0;
    int rulesDepth = -1;
    bool inString = false;
    bool expectElement = false;
    std::size_t stringStart = 0;
    std::string_view lastString;
    std::string_view key;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                lastString = s.substr(stringStart, i - stringStart);
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (expectElement) {
            expectElement = false;
            if (c != ']')
                offsets.push_back(i);
        }
        switch (c) {
        case '"': inString = true; stringStart = i + 1; break;
        case '{': ++depth; break;
        case '[':
            ++depth;
            if (rulesDepth == -1 && (depth == 1 || (depth == 2 && key == "rules"))) {
                rulesDepth = depth;
                expectElement = true;
            }
            break;
        case ']':
        case '}':
            if (depth == rulesDepth)
                return offsets;
            --depth;
            break;
        case ',': expectElement = depth == rulesDepth; break;
        case ':':
            if (depth == 1)
                key = lastString;
            break;
        default: break;
        }
    }
    return offsets;
}

void checkDepth(std::string_view s, const QString &fileName)
{
    const qint64 at = findNestingBeyond(s, kMaxDepth);
    if (at >= 0)
        throw Error(QStringLiteral("%1:%2: JSON nested deeper than %3 levels")
                        .arg(fileName)
                        .arg(lineAt(s, std::size_t(at)))
                        .arg(kMaxDepth));
}

QString fromJson(const std::string &s) { return QString::fromStdString(s); }

QStringList namesOf(const Json &scope, const char *key, const QString &where)
{
    QStringList names;
    const auto it = scope.find(key);
    if (it == scope.end() || it->is_null())
        return names;
    if (!it->is_array())
        throw Error(QStringLiteral("%1: \"scope.%2\" must be a list of names").arg(where, QLatin1String(key)));
    for (const Json &n : *it) {
        if (!n.is_string())
            throw Error(QStringLiteral("%1: \"scope.%2\" must hold only strings").arg(where, QLatin1String(key)));
        names.append(fromJson(n.get<std::string>()));
    }
    return names;
}

Rule ruleFromJson(const Json &e, const QString &where)
{
    Rule r;
    if (e.is_string()) {
        r.text = fromJson(e.get<std::string>());
    } else if (e.is_object()) {
        const auto text = e.find("text");
        if (text == e.end() || !text->is_string())
            throw Error(QStringLiteral("%1: \"text\" is missing or not a string").arg(where));
        r.text = fromJson(text->get<std::string>());
        if (const auto id = e.find("id"); id != e.end() && !id->is_null()) {
            if (id->is_string())
                r.id = fromJson(id->get<std::string>());
            else if (id->is_number_integer())
                r.id = QString::number(id->get<qint64>());
            else
                throw Error(QStringLiteral("%1: \"id\" must be a string").arg(where));
        }
        if (const auto scope = e.find("scope"); scope != e.end() && !scope->is_null()) {
            if (!scope->is_object())
                throw Error(QStringLiteral("%1: \"scope\" must be an object with \"workflows\" and \"tools\"").arg(where));
            r.scope.workflows = namesOf(*scope, "workflows", where);
            r.scope.tools = namesOf(*scope, "tools", where);
            r.scope.models = namesOf(*scope, "models", where);
        }
        if (const auto stakes = e.find("stakes"); stakes != e.end() && !stakes->is_null()) {
            const std::optional<Stakes> s =
                stakes->is_string() ? stakesFromName(fromJson(stakes->get<std::string>())) : std::nullopt;
            if (!s)
                throw Error(QStringLiteral("%1: \"stakes\" must be \"low\" or \"high\"").arg(where));
            r.stakes = *s;
        }
    } else {
        throw Error(QStringLiteral("%1: expected an object with a \"text\" (or a string)").arg(where));
    }
    if (r.text.trimmed().isEmpty())
        throw Error(QStringLiteral("%1: the rule text is empty").arg(where));
    return r;
}

std::vector<Rule> parseJson(std::string_view s, const QString &fileName)
{
    checkDepth(s, fileName);
    Json doc;
    try {
        doc = Json::parse(s.begin(), s.end());
    } catch (const Json::parse_error &e) {
        // nlohmann says "[json.exception.parse_error.101] parse error at line 1, column 5:
        // syntax error ..."; the line is ours to say, the part after the column is the reason.
        QString msg = QString::fromUtf8(e.what());
        const qsizetype colon = msg.indexOf(QLatin1String(": "), msg.indexOf(QLatin1String("parse error")));
        if (colon >= 0)
            msg = msg.mid(colon + 2);
        const int line = lineAt(s, e.byte > 0 ? e.byte - 1 : 0);
        throw Error(QStringLiteral("%1:%2: invalid JSON: %3").arg(fileName).arg(line).arg(msg));
    } catch (const Json::out_of_range &e) {
        // A number beyond a double's range: "... number overflow parsing '1e999'".
        const std::string_view what(e.what());
        const std::size_t open = what.find('\'');
        const std::size_t close = what.rfind('\'');
        const std::string_view number =
            open != std::string_view::npos && close > open ? what.substr(open + 1, close - open - 1) : std::string_view();
        const std::size_t at = number.empty() ? std::string_view::npos : s.find(number);
        throw Error(QStringLiteral("%1:%2: invalid JSON: the number %3 is too large")
                        .arg(fileName)
                        .arg(lineAt(s, at == std::string_view::npos ? 0 : at))
                        .arg(QString::fromUtf8(number.data(), qsizetype(qMin<std::size_t>(number.size(), 40)))));
    }
    const Json *list = &doc;
    if (doc.is_object()) {
        const auto it = doc.find("rules");
        if (it == doc.end() || !it->is_array())
            throw Error(QStringLiteral("%1:1: expected a \"rules\" list in the JSON object").arg(fileName));
        list = &*it;
    } else if (!doc.is_array()) {
        throw Error(QStringLiteral("%1:1: expected a JSON list of rules or an object with \"rules\"").arg(fileName));
    }
    const std::vector<std::size_t> offsets = ruleOffsets(s);
    std::vector<Rule> rules;
    rules.reserve(list->size());
    for (std::size_t k = 0; k < list->size(); ++k) {
        const QString where = k < offsets.size()
            ? QStringLiteral("%1:%2: rule %3").arg(fileName).arg(lineAt(s, offsets[k])).arg(k + 1)
            : QStringLiteral("%1: rule %2").arg(fileName).arg(k + 1);
        rules.push_back(ruleFromJson((*list)[k], where));
    }
    return rules;
}

bool isJsonName(const QString &fileName) { return fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive); }

bool isMarkdownName(const QString &fileName)
{
    for (const char *ext : {".md", ".markdown", ".txt"}) {
        if (fileName.endsWith(QLatin1String(ext), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

std::vector<Rule> parsePlaybook(const QByteArray &content, const QString &fileName)
{
    std::string_view s(content.constData(), std::size_t(content.size()));
    const qsizetype bom = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    s.remove_prefix(std::size_t(bom));
    qsizetype offsetInFile = bom;   // what to add to an offset in `s` for the file's offset

    const std::size_t first = s.find_first_not_of(" \t\r\n");
    const char lead = first == std::string_view::npos ? '\0' : s[first];
    const bool json = isJsonName(fileName) || lead == '{' || (lead == '[' && !isMarkdownName(fileName));

    // A file Reverie publishes into (CLAUDE.md with a managed block): only the block is the
    // playbook; the bullets people wrote around it are theirs. Newlines stand in for the lines
    // above the block so every message still names the file's own line.
    QByteArray blockOnly;
    if (!json) {
        std::optional<BlockSpan> span;
        try {
            span = findBlock(content);
        } catch (const BlockError &e) {
            throw Error(QStringLiteral("%1:%2: %3").arg(fileName).arg(e.line()).arg(e.message()));
        }
        if (span) {
            blockOnly = QByteArray(span->beginLine, '\n');
            blockOnly.append(content.constData() + span->contentBegin, span->contentEnd - span->contentBegin);
            s = std::string_view(blockOnly.constData(), std::size_t(blockOnly.size()));
            offsetInFile = span->contentBegin - span->beginLine;
        }
    }

    if (const qsizetype bad = firstInvalidUtf8(s); bad >= 0)
        throw Error(QStringLiteral("%1:%2: invalid UTF-8 (byte offset %3)")
                        .arg(fileName).arg(lineAt(s, std::size_t(bad))).arg(bad + offsetInFile));
    std::vector<Rule> rules = json ? parseJson(s, fileName)
                                   : markdown::parseRules(QString::fromUtf8(s.data(), qsizetype(s.size())), fileName);
    if (rules.empty())
        throw Error(QStringLiteral("%1: no rules found (expected a Markdown bullet list or a JSON list of rules)")
                        .arg(fileName));
    return rules;
}

} // namespace reverie::playbook
