#include "ui/history/VersionDiffView.h"

#include "ui/common/DiffDocument.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
QString scopeLine(const Rule &r)
{
    QStringList parts;
    if (!r.scope.workflows.isEmpty())
        parts << VersionDiffView::tr("workflows: %1").arg(r.scope.workflows.join(QStringLiteral(", ")));
    if (!r.scope.tools.isEmpty())
        parts << VersionDiffView::tr("tools: %1").arg(r.scope.tools.join(QStringLiteral(", ")));
    if (!r.scope.models.isEmpty())
        parts << VersionDiffView::tr("models: %1").arg(r.scope.models.join(QStringLiteral(", ")));
    if (parts.isEmpty())
        parts << VersionDiffView::tr("everywhere");
    if (r.stakes == Stakes::High)
        parts << VersionDiffView::tr("high stakes");
    return parts.join(QStringLiteral(" · "));
}
} // namespace

VersionDiffView::VersionDiffView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("versionDiff"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_from = new QComboBox(this);
    m_from->setObjectName(QStringLiteral("diffFrom"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("diffTo"));
    m_unchanged = new QCheckBox(tr("Show unchanged rules"), this);
    row->addWidget(new QLabel(tr("From version"), this));
    row->addWidget(m_from);
    row->addWidget(new QLabel(tr("to version"), this));
    row->addWidget(m_to);
    row->addStretch(1);
    row->addWidget(m_unchanged);
    layout->addLayout(row);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("versionDiffText"));
    m_browser->setOpenLinks(false);
    m_browser->setUndoRedoEnabled(false);
    layout->addWidget(m_browser, 1);
    connect(m_from, &QComboBox::currentIndexChanged, this, &VersionDiffView::render);
    connect(m_to, &QComboBox::currentIndexChanged, this, &VersionDiffView::render);
    connect(m_unchanged, &QCheckBox::toggled, this, &VersionDiffView::render);
}

void VersionDiffView::setVersions(const std::vector<PlaybookVersion> *versions)
{
    const int from = fromVersion();
    const int to = toVersion();
    m_versions = versions;
    {
        const QSignalBlocker b1(m_from);
        const QSignalBlocker b2(m_to);
        m_from->clear();
        m_to->clear();
        m_from->addItem(tr("0 (empty playbook)"), 0);
        if (m_versions) {
            for (const PlaybookVersion &v : *m_versions) {
                m_from->addItem(QString::number(v.number), v.number);
                m_to->addItem(QString::number(v.number), v.number);
            }
        }
    }
    compare(from, to);
}

const PlaybookVersion *VersionDiffView::find(int number) const
{
    if (!m_versions)
        return nullptr;
    for (const PlaybookVersion &v : *m_versions) {
        if (v.number == number)
            return &v;
    }
    return nullptr;
}

void VersionDiffView::compare(int from, int to)
{
    {
        const QSignalBlocker b1(m_from);
        const QSignalBlocker b2(m_to);
        m_from->setCurrentIndex(qMax(0, m_from->findData(from)));
        const int toIndex = m_to->findData(to);
        m_to->setCurrentIndex(toIndex >= 0 ? toIndex : m_to->count() - 1);
    }
    render();
}

int VersionDiffView::fromVersion() const { return m_from->currentData().toInt(); }

int VersionDiffView::toVersion() const { return m_to->currentData().toInt(); }

void VersionDiffView::render()
{
    const PlaybookVersion *before = find(fromVersion());
    const PlaybookVersion *after = find(toVersion());
    m_changes = playbook::diffRules(before ? before->rules : std::vector<Rule>{}, after ? after->rules : std::vector<Rule>{});
    int added = 0, removed = 0, changed = 0, same = 0;
    QTextDocument *doc = m_browser->document();
    doc->clear();
    QTextCursor cursor(doc);
    QTextCharFormat heading;
    heading.setFontWeight(QFont::Bold);
    QTextCharFormat note;
    note.setForeground(QColor(0x60, 0x60, 0x60));
    bool first = true;
    using Kind = playbook::RuleChange::Kind;
    for (const playbook::RuleChange &c : m_changes) {
        switch (c.kind) {
        case Kind::Added: ++added; break;
        case Kind::Removed: ++removed; break;
        case Kind::Changed: ++changed; break;
        case Kind::Unchanged: ++same; break;
        }
        if (c.kind == Kind::Unchanged && !m_unchanged->isChecked())
            continue;
        if (!first)
            cursor.insertBlock();
        first = false;
        QString title;
        switch (c.kind) {
        case Kind::Added: title = tr("%1 added").arg(c.ruleId); break;
        case Kind::Removed: title = tr("%1 removed").arg(c.ruleId); break;
        case Kind::Changed: title = tr("%1 changed").arg(c.ruleId); break;
        case Kind::Unchanged: title = tr("%1 unchanged").arg(c.ruleId); break;
        }
        if (c.scopeChanged)
            title += QStringLiteral(" · ") + tr("scope changed");
        if (c.stakesChanged)
            title += QStringLiteral(" · ") + tr("stakes changed");
        cursor.insertText(title, heading);
        cursor.insertBlock();
        const Rule &shown = c.after ? *c.after : *c.before;
        if (c.kind == Kind::Added)
            cursor.insertText(shown.text, diff::insertFormat());
        else if (c.kind == Kind::Removed)
            cursor.insertText(shown.text, diff::deleteFormat());
        else if (c.kind == Kind::Changed)
            diff::writeSegments(cursor, c.words, diff::Pane::Inline);
        else
            cursor.insertText(shown.text, QTextCharFormat());
        cursor.insertBlock();
        QString scope = scopeLine(shown);
        if (c.scopeChanged && c.before && c.after)
            scope = tr("%1 (was: %2)").arg(scopeLine(*c.after), scopeLine(*c.before));
        cursor.insertText(scope, note);
        cursor.insertBlock();
    }
    if (first)
        cursor.insertText(tr("No rule differs between these two versions."), note);
    m_summary->setText(tr("Version %1 → %2: %3 added, %4 removed, %5 changed, %6 unchanged")
                           .arg(fromVersion())
                           .arg(toVersion())
                           .arg(added)
                           .arg(removed)
                           .arg(changed)
                           .arg(same));
}

} // namespace reverie::ui
