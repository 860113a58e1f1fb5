#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <exception>
#include <optional>
#include <utility>

namespace reverie::playbook {

// Reverie's part of a Markdown file people also write by hand (CLAUDE.md, AGENTS.md,
// GEMINI.md, .github/copilot-instructions.md, a Cursor .mdc rule): the rendered playbook
// between two marker lines, HTML comments that Markdown viewers do not show:
//
//   <!-- reverie:playbook begin version=7 hash=3fa9c2... -->
//   ...the rendered rules...
//   <!-- reverie:playbook end -->
//
// Everything outside the block belongs to the people who wrote it and is kept byte for byte.
//
// The marker format is stable ("reverie-playbook/1"); files in the wild depend on it. Written
// exactly as above: one space between the parts, the version in decimal, the hash as 64 hex
// digits. Read tolerantly: spaces and tabs around the line and between its parts, an optional
// "\r" before the "\n", hex digits in either case. The hash is read as lower case.
//   begin:  <!-- reverie:playbook begin version=<positive integer> hash=<64 hex digits> -->
//   end:    <!-- reverie:playbook end -->
// Any other line that contains "reverie:playbook" (in any case) counts as a marker edited by
// hand: the block is then broken, because guessing where it ends could eat people's text.

// What a marker line says.
struct BlockMarker {
    int version = 0;
    QString hash;          // the playbook version's hash (64 hex digits)
};

// A file whose block cannot be replaced safely: an opening marker without its close, two
// blocks, an end before a begin, or a marker edited by hand. `line` is 1-based. The message
// does not repeat the line; callers prefix "file:line: ".
class BlockError : public std::exception {
public:
    BlockError(QString message, int line) : m_message(std::move(message)), m_line(line) {}
    const char *what() const noexcept override { return "managed block error"; }
    const QString &message() const { return m_message; }
    int line() const { return m_line; }

private:
    QString m_message;
    int m_line;
};

// Where the one block of a file sits. Byte offsets into the file: [begin, end) is the block
// from the start of its begin marker line to the end of its end marker line, without that
// line's line end (so a file that ends right after the marker keeps ending there);
// [contentBegin, contentEnd) is what lies between the marker lines. Lines are 1-based.
struct BlockSpan {
    qsizetype begin = 0;
    qsizetype contentBegin = 0;
    qsizetype contentEnd = 0;
    qsizetype end = 0;
    int beginLine = 0;
    int endLine = 0;
    BlockMarker marker;
};

// The block of `content`, nullopt when it has none; throws BlockError when it is broken (also
// for a UTF-16 file, which Reverie cannot add UTF-8 text to).
std::optional<BlockSpan> findBlock(const QByteArray &content);

// The block's text: begin marker, `rendered` (the Markdown rules), end marker, each ending
// with `eol` ("\n" or "\r\n"), which also replaces the line ends of `rendered`. A mention of
// "reverie:playbook" inside `rendered` (a rule about the markers) is written "reverie\:playbook"
// (the same text in Markdown) so it cannot be read as a marker. Throws reverie::Error for a
// marker it could not read back (version not positive, hash not 64 hex digits) or another eol.
QByteArray renderBlock(const QByteArray &rendered, const BlockMarker &marker, const QByteArray &eol = "\n");

// `existing` with its block replaced by one holding `rendered` (or, without a block, with a
// block appended after one blank line; an empty or missing file gets only the block). Keeps
// every byte outside the block, the file's line-end style (CRLF when most line ends outside the
// block are CRLF) and a missing final newline. A UTF-8 byte order mark stays first, and so does
// a Cursor .mdc rule's front matter (between the leading "---" lines): a new block goes at the
// end. Throws BlockError for a broken block (the file is then not to be touched).
QByteArray placeBlock(const QByteArray &existing, const QByteArray &rendered, const BlockMarker &marker);

// The text between the markers of the one block in `content` (without the markers); nullopt
// when it has none; throws BlockError when it is broken. For `reverie playbook import`.
std::optional<QByteArray> blockContent(const QByteArray &content);

// The first marker found anywhere in `text` (a system prompt, a run's recorded instructions
// or context that quoted the published file): the version and hash it names. Also finds the
// published JSON (renderJson writes "format": "reverie-playbook/1" beside "version" and
// "hash"), also when the text quotes it with escaped quotes. Never throws; a candidate whose
// version is not a positive integer or whose hash is not 64 hex digits is skipped.
std::optional<BlockMarker> findMarker(QStringView text);

} // namespace reverie::playbook
