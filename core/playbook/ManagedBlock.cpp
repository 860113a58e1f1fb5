// The managed block in a file people also write: found, checked and replaced on bytes, so a
// file in any encoding, with NULs or with invalid UTF-8 keeps every byte outside the block.

#include "core/playbook/ManagedBlock.h"

#include "core/model/Error.h"
#include "core/playbook/MarkerGrammar.h"

#include <QByteArrayView>
#include <QLatin1String>

#include <algorithm>

namespace reverie::playbook {

namespace {

using marker::isHex;
using marker::isSpace;
using marker::kHashDigits;
using marker::Reader;
using marker::unit;

const char kBom[] = "\xEF\xBB\xBF";
const char kEndLine[] = "<!-- reverie:playbook end -->";

// Where "reverie:playbook" (any case) next occurs in `s`; -1 if nowhere. Only looks closer at
// each ':', so a long line of prose costs little more than a memchr.
qsizetype findWord(QByteArrayView s, qsizetype from = 0)
{
    for (qsizetype c = s.indexOf(':', from + 7); c >= 0; c = s.indexOf(':', c + 1)) {
        if (Reader(s, c - 7).literal("reverie", true) && Reader(s, c + 1).literal("playbook", true))
            return c - 7;
    }
    return -1;
}

enum class LineKind { Text, Begin, End, Broken };

struct MarkerLine {
    LineKind kind = LineKind::Text;
    BlockMarker marker;
};

MarkerLine classify(QByteArrayView line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    MarkerLine out;
    if (findWord(line) < 0)
        return out;
    out.kind = LineKind::Broken;
    Reader r(line);
    r.spaces();
    if (!r.literal("<!--"))
        return out;
    r.spaces();
    if (!r.literal("reverie:playbook"))
        return out;
    const qsizetype afterWord = r.pos();
    LineKind kind = LineKind::End;
    if (!r.spaces() || !r.literal("end")) {
        r = Reader(line, afterWord);
        std::optional<BlockMarker> m = r.beginFields();
        if (!m)
            return out;
        out.marker = std::move(*m);
        kind = LineKind::Begin;
    }
    r.spaces();
    if (!r.literal("-->"))
        return out;
    r.spaces();
    if (r.atEnd())
        out.kind = kind;
    return out;
}

QString range(int from, int to) { return QStringLiteral("%1-%2").arg(from).arg(to); }

// The line end a new or replaced block gets: what most line ends outside the block are; the
// block's own when there are none outside; "\n" for a file without any.
QByteArray lineEndOf(const QByteArray &content, const std::optional<BlockSpan> &span)
{
    qsizetype lf = 0;
    qsizetype crlf = 0;
    const auto count = [&](qsizetype from, qsizetype to) {
        for (qsizetype i = content.indexOf('\n', from); i >= 0 && i < to; i = content.indexOf('\n', i + 1))
            ++(i > 0 && content[i - 1] == '\r' ? crlf : lf);
    };
    if (span) {
        count(0, span->begin);
        count(span->end, content.size());
        if (lf + crlf == 0)
            return QByteArray(span->contentBegin >= 2 && content[span->contentBegin - 2] == '\r' ? "\r\n" : "\n");
    } else {
        count(0, content.size());
    }
    return crlf > lf ? QByteArray("\r\n") : QByteArray("\n");
}

// `text` ends with '\n'; whether the line that '\n' ends holds only whitespace.
bool endsWithBlankLine(const QByteArray &text, qsizetype from)
{
    const qsizetype last = text.size() - 1;
    qsizetype start = from;
    if (last - 1 >= from) {
        const qsizetype prev = text.lastIndexOf('\n', last - 1);
        if (prev >= from)
            start = prev + 1;
    }
    for (qsizetype i = start; i < last; ++i) {
        if (!isSpace(unit(text[i])) && text[i] != '\r')
            return false;
    }
    return true;
}

// A rule that talks about the markers must not read as one: "reverie\:playbook" shows the same
// in Markdown, and parsePlaybook removes the backslash.
QByteArray escapeMarkerWord(const QByteArray &text)
{
    QByteArray out;
    qsizetype copied = 0;
    for (qsizetype at = findWord(text); at >= 0; at = findWord(text, at + 16)) {
        out.append(text.constData() + copied, at + 7 - copied);
        out += '\\';
        copied = at + 7;
    }
    if (copied == 0)
        return text;
    out.append(text.constData() + copied, text.size() - copied);
    return out;
}

} // namespace

std::optional<BlockSpan> findBlock(const QByteArray &content)
{
    const QByteArrayView all(content);
    if (all.startsWith("\xFF\xFE") || all.startsWith("\xFE\xFF"))
        throw BlockError(QStringLiteral("the file is UTF-16 text, and Reverie writes UTF-8: save it as UTF-8 first"),
                         1);
    std::optional<BlockSpan> block;
    bool open = false;
    int lineNo = 1;
    for (qsizetype start = all.startsWith(kBom) ? 3 : 0;; ++lineNo) {
        const qsizetype nl = all.indexOf('\n', start);
        const qsizetype stop = nl < 0 ? all.size() : nl;
        MarkerLine m = classify(all.sliced(start, stop - start));
        switch (m.kind) {
        case LineKind::Text:
            break;
        case LineKind::Broken:
            throw BlockError(QStringLiteral("this line mentions \"reverie:playbook\" but is not a marker Reverie "
                                            "writes (\"<!-- reverie:playbook begin version=N hash=<64 hex digits> "
                                            "-->\" or \"%1\"): restore the marker or reword the line")
                                 .arg(QLatin1String(kEndLine)),
                             lineNo);
        case LineKind::Begin:
            if (open)
                throw BlockError(QStringLiteral("a second begin marker inside the block that begins on line %1; "
                                                "blocks cannot nest")
                                     .arg(block->beginLine),
                                 lineNo);
            if (block)
                throw BlockError(QStringLiteral("a second Reverie block (the first is on lines %1); keep only one")
                                     .arg(range(block->beginLine, block->endLine)),
                                 lineNo);
            block = BlockSpan{};
            block->begin = start;
            block->contentBegin = nl < 0 ? all.size() : nl + 1;
            block->beginLine = lineNo;
            block->marker = std::move(m.marker);
            open = true;
            break;
        case LineKind::End:
            if (!open)
                throw BlockError(block ? QStringLiteral("an end marker after the block on lines %1 was closed")
                                             .arg(range(block->beginLine, block->endLine))
                                       : QStringLiteral("an end marker without a begin marker above it"),
                                 lineNo);
            block->contentEnd = start;
            block->end = stop > start && all[stop - 1] == '\r' ? stop - 1 : stop;
            block->endLine = lineNo;
            open = false;
            break;
        }
        if (nl < 0)
            break;
        start = nl + 1;
    }
    if (open)
        throw BlockError(
            QStringLiteral("the begin marker has no end marker (\"%1\") below it").arg(QLatin1String(kEndLine)),
            block->beginLine);
    return block;
}

QByteArray renderBlock(const QByteArray &rendered, const BlockMarker &marker, const QByteArray &eol)
{
    if (eol != "\n" && eol != "\r\n")
        throw Error(QStringLiteral("a managed block's line end must be \"\\n\" or \"\\r\\n\""));
    const QByteArray hash = marker.hash.toLatin1().toLower();
    if (marker.version <= 0 || hash.size() != kHashDigits
        || !std::all_of(hash.begin(), hash.end(), [](char c) { return isHex(unit(c)); }))
        throw Error(QStringLiteral("cannot mark a playbook block with version %1 and hash \"%2\": the version must "
                                   "be positive and the hash 64 hex digits")
                        .arg(marker.version)
                        .arg(marker.hash.left(80)));
    QByteArray body = escapeMarkerWord(rendered);
    body.replace("\r\n", "\n");
    if (!body.isEmpty() && !body.endsWith('\n'))
        body += '\n';
    if (eol != "\n")
        body.replace("\n", eol);
    QByteArray out;
    out.reserve(body.size() + 160);
    out += "<!-- reverie:playbook begin version=" + QByteArray::number(marker.version) + " hash=" + hash + " -->";
    out += eol;
    out += body;
    out += kEndLine;
    out += eol;
    return out;
}

QByteArray placeBlock(const QByteArray &existing, const QByteArray &rendered, const BlockMarker &marker)
{
    const std::optional<BlockSpan> span = findBlock(existing);
    const QByteArray eol = lineEndOf(existing, span);
    QByteArray block = renderBlock(rendered, marker, eol);
    if (span) {
        // The old block's own last line end stays with the bytes after it (or its absence).
        block.chop(eol.size());
        QByteArray out;
        out.reserve(existing.size() - (span->end - span->begin) + block.size());
        out.append(existing.constData(), span->begin);
        out += block;
        out.append(existing.constData() + span->end, existing.size() - span->end);
        return out;
    }
    // Appending, never inserting, keeps a byte order mark and .mdc front matter first.
    const qsizetype bom = existing.startsWith(kBom) ? 3 : 0;
    QByteArray out = existing;
    if (out.size() > bom) {
        if (!out.endsWith('\n'))
            out += eol;
        if (!endsWithBlankLine(out, bom))
            out += eol;
    }
    out += block;
    return out;
}

std::optional<QByteArray> blockContent(const QByteArray &content)
{
    const std::optional<BlockSpan> span = findBlock(content);
    if (!span)
        return std::nullopt;
    return content.mid(span->contentBegin, span->contentEnd - span->contentBegin);
}

} // namespace reverie::playbook
