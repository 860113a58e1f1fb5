// The review queue's plain parts: ordering, the tree model (under QAbstractItemModelTester),
// the filter, the two sides of a proposal's diff, and the diff painted as plain text.

#include "ui/history/VersionListModel.h"
#include "ui/common/DiffDocument.h"
#include "ui/review/ProposalFilterProxy.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ProposalTexts.h"
#include "ui/review/ReviewQueue.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>

using namespace reverie;

namespace {

Proposal make(qint64 id, qint64 run, Stakes stakes, double confidence, const char *text = "Do the thing.")
{
    Proposal p;
    p.id = id;
    p.dreamRunId = run;
    p.stakes = stakes;
    p.confidence = confidence;
    p.text = QString::fromUtf8(text);
    p.createdMs = 1000 + id;
    return p;
}

std::vector<Proposal> sample()
{
    return {make(1, 7, Stakes::Low, 0.9), make(2, 7, Stakes::Low, 0.5), make(3, 8, Stakes::Low, 0.99),
            make(4, 8, Stakes::High, 0.2, "Run run_tests before deploy."), make(5, 0, Stakes::Low, 0.7),
            make(6, 7, Stakes::Low, 0.95)};
}

QList<qint64> order(const QAbstractItemModel &m)
{
    QList<qint64> ids;
    for (int g = 0; g < m.rowCount(); ++g) {
        const QModelIndex group = m.index(g, 0);
        for (int r = 0; r < m.rowCount(group); ++r)
            ids << m.index(r, 0, group).data(ui::ProposalQueueModel::ProposalIdRole).toLongLong();
    }
    return ids;
}

} // namespace

class TestReviewModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsByRunHighStakesFirstThenConfidence()
    {
        const ui::ReviewQueue q = ui::buildQueue(sample(), {});
        QCOMPARE(int(q.groups.size()), 3);
        QCOMPARE(q.groups[0].dreamRunId, qint64(8));          // holds the high-stakes proposal
        QCOMPARE(q.groups[0].proposals[0].id, qint64(4));     // high-stakes before a 0.99 low one
        QCOMPARE(q.groups[0].proposals[1].id, qint64(3));
        QCOMPARE(q.groups[1].dreamRunId, qint64(7));          // newest of the rest
        QCOMPARE(q.groups[1].proposals[0].id, qint64(6));     // 0.95
        QCOMPARE(q.groups[1].proposals[1].id, qint64(1));     // 0.9
        QCOMPARE(q.groups[1].proposals[2].id, qint64(2));     // 0.5
        QCOMPARE(q.groups[2].dreamRunId, qint64(0));          // manual
        QCOMPARE(q.proposalCount(), 6);
        QVERIFY(q.find(5));
        QVERIFY(!q.find(99));
    }

    void treeModelPassesTheTester()
    {
        ui::ProposalQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQueue(ui::buildQueue(sample(), {}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(order(model), (QList<qint64>{4, 3, 6, 1, 2, 5}));
        const QModelIndex high = model.indexOfProposal(4);
        QVERIFY(high.isValid());
        QCOMPARE(model.proposalAt(high)->id, qint64(4));
        QCOMPARE(model.parent(high), model.index(0, 0));
        QVERIFY(model.index(0, 0).data(ui::ProposalQueueModel::IsGroupRole).toBool());
        QVERIFY(model.index(0, 0).data().toString().contains(QLatin1String("#8")));
        QVERIFY(high.siblingAtColumn(ui::ProposalQueueModel::Stakes).data().toString().contains(QLatin1String("HIGH")));
        QVERIFY(!model.index(0, 0, high).isValid());          // proposals have no children
        model.setInFlight(4, true);
        QVERIFY(model.isInFlight(4));
        QVERIFY(high.data().toString().contains(QStringLiteral("(deciding…)")));
        model.setQueue(ui::buildQueue({make(1, 7, Stakes::Low, 0.9)}, {}));   // 4 has left: forgotten
        QVERIFY(!model.isInFlight(4));
        model.setQueue({});
        QCOMPARE(model.rowCount(), 0);
    }

    void filterKeepsGroupsOfMatchingProposals()
    {
        ui::ProposalQueueModel model;
        model.setQueue(ui::buildQueue(sample(), {}));
        ui::ProposalFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(order(proxy).size(), 6);
        proxy.setText(QStringLiteral("run_tests"));
        QCOMPARE(order(proxy), QList<qint64>{4});
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());
        proxy.setStakesFilter(ui::ProposalFilterProxy::StakesFilter::LowOnly);
        QCOMPARE(order(proxy), (QList<qint64>{3, 6, 1, 2, 5}));
        proxy.setStakesFilter(ui::ProposalFilterProxy::StakesFilter::HighOnly);
        QCOMPARE(order(proxy), QList<qint64>{4});
    }

    void proposalTextsPerOperation()
    {
        const std::vector<Rule> rules{{QStringLiteral("R1"), QStringLiteral("Confirm the order id."), {}, Stakes::Low, {}},
                                      {QStringLiteral("R2"), QStringLiteral("Quote errors."), {}, Stakes::Low, {}}};
        Proposal p;
        p.text = QStringLiteral("Confirm the order id twice.");
        p.op = ProposalOp::Add;
        auto t = ui::proposalTexts(p, rules);
        QVERIFY(t.before.isEmpty());
        QCOMPARE(t.after, p.text);
        p.op = ProposalOp::Edit;
        p.targetRules = QStringList{QStringLiteral("R1")};
        t = ui::proposalTexts(p, rules);
        QCOMPARE(t.before, QStringLiteral("Confirm the order id."));
        QCOMPARE(t.after, p.text);
        p.op = ProposalOp::Remove;
        t = ui::proposalTexts(p, rules);
        QCOMPARE(t.before, QStringLiteral("Confirm the order id."));
        QVERIFY(t.after.isEmpty());
        p.op = ProposalOp::Merge;
        p.targetRules = QStringList{QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R9")};
        t = ui::proposalTexts(p, rules);
        QCOMPARE(t.before, QStringLiteral("Confirm the order id.\nQuote errors."));
        QCOMPARE(t.missingTargets, QStringList{QStringLiteral("R9")});
    }

    void diffIsPaintedAsPlainTextRuns()
    {
        const QString before = QStringLiteral("Never <b>deploy</b> on Friday.");
        const QString after = QStringLiteral("Never <b>deploy</b> on <i>Fridays</i> & weekends.");
        const auto segments = playbook::diffWords(before, after);
        QTextDocument doc;
        ui::diff::fillDocument(&doc, segments, ui::diff::Pane::Before);
        QCOMPARE(doc.toPlainText(), before);   // markup is shown as typed
        ui::diff::fillDocument(&doc, segments, ui::diff::Pane::After);
        QCOMPARE(doc.toPlainText(), after);
        ui::diff::fillDocument(&doc, segments, ui::diff::Pane::Inline);
        QVERIFY(doc.toPlainText().contains(QLatin1String("<i>Fridays</i>")));
        // Inserted words are underlined, deleted words struck through; equal words neither.
        bool sawInsert = false, sawDelete = false;
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextFragment f = it.fragment();
                if (f.text().contains(QLatin1String("weekends")))
                    sawInsert = f.charFormat().fontUnderline();
                if (f.text().contains(QLatin1String("Friday.")) || f.text() == QLatin1String("Friday"))
                    sawDelete = f.charFormat().fontStrikeOut();
                if (f.text().startsWith(QLatin1String("Never")))
                    QVERIFY(!f.charFormat().fontUnderline() && !f.charFormat().fontStrikeOut());
            }
        }
        QVERIFY(sawInsert);
        QVERIFY(sawDelete);
        ui::diff::fillDocument(&doc, playbook::diffWords(QString(), QStringLiteral("x")), ui::diff::Pane::Before,
                               QStringLiteral("(none)"));
        QCOMPARE(doc.toPlainText(), QStringLiteral("(none)"));
    }

    void versionListPassesTheTester()
    {
        ui::VersionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<PlaybookVersion> versions(3);
        for (int i = 0; i < 3; ++i) {
            versions[std::size_t(i)].number = i + 1;
            versions[std::size_t(i)].author = QStringLiteral("ops");
            versions[std::size_t(i)].reason = QStringLiteral("<b>why</b>");
        }
        versions[1].change = QStringLiteral("approve");
        versions[1].proposalId = 12;
        versions[2].change = QStringLiteral("rollback");
        model.setVersions(versions);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 0).data(ui::VersionListModel::VersionRole).toInt(), 3);   // newest first
        QVERIFY(model.index(0, 0).data(ui::VersionListModel::IsCurrentRole).toBool());
        QCOMPARE(model.index(1, ui::VersionListModel::Change).data().toString(), QStringLiteral("approved proposal #12"));
        QCOMPARE(model.rowOfVersion(1), 2);
        QVERIFY(model.index(0, ui::VersionListModel::Reason).data(Qt::ToolTipRole).toString().contains(QLatin1String("&lt;b&gt;")));
    }
};

QTEST_MAIN(TestReviewModel)
#include "tst_review_model.moc"
