#include "ui/timeline/StepDetailPane.h"

#include "core/store/TrajectoryQueries.h"
#include "ui/timeline/TimelinePainter.h"

#include <QAction>
#include <QDateTime>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
constexpr qsizetype kMaxShownBytes = 4 * 1024 * 1024;   // a huge record stays responsive

QPlainTextEdit *makeReader(const QString &name, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setTabChangesFocus(true);
    return edit;
}

QWidget *captioned(const QString &caption, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    auto *label = new QLabel(caption, box);
    label->setBuddy(content);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}
} // namespace

StepDetailPane::StepDetailPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stepDetail"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("stepSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = makeReader(QStringLiteral("stepText"), this);
    m_json = makeReader(QStringLiteral("stepJson"), this);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(captioned(tr("&Text"), m_text, split));
    split->addWidget(captioned(tr("&Record (JSON)"), m_json, split));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    auto *leave = new QAction(this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    leave->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(leave, &QAction::triggered, this, &StepDetailPane::leaveRequested);
    addAction(leave);
    clear();
}

void StepDetailPane::focusText() { m_text->setFocus(Qt::OtherFocusReason); }

void StepDetailPane::clear()
{
    m_summary->setText(tr("Click a step, or use the arrow keys, to read it here."));
    m_text->clear();
    m_json->clear();
}

QString StepDetailPane::prettyJson(const QByteArray &raw)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(raw);
}

void StepDetailPane::showStep(const store::StoredStep &s, const QString &timeLabel, bool evidence)
{
    QStringList parts;
    parts << tr("Step #%1").arg(s.step.seq) << TimelinePainter::laneName(int(s.step.kind));
    if (!s.step.tool.isEmpty())
        parts << s.step.tool;
    if (!s.step.role.isEmpty())
        parts << s.step.role;
    if (s.step.timestampMs >= 0)
        parts << QDateTime::fromMSecsSinceEpoch(s.step.timestampMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    if (!timeLabel.isEmpty())
        parts << timeLabel;
    if (s.step.durationMs >= 0)
        parts << tr("took %1 ms").arg(s.step.durationMs);
    if (s.step.isError)
        parts << tr("ERROR");
    if (evidence)
        parts << tr("cited as evidence");
    m_summary->setText(parts.join(QStringLiteral("  ·  ")));
    m_text->setPlainText(s.step.text.left(kMaxShownBytes));
    m_json->setPlainText(prettyJson(s.step.raw.left(kMaxShownBytes)));
}

QString StepDetailPane::summary() const { return m_summary->text(); }
QString StepDetailPane::text() const { return m_text->toPlainText(); }
QString StepDetailPane::json() const { return m_json->toPlainText(); }

} // namespace reverie::ui
