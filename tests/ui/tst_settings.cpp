// The settings dialog: per-user values land in QSettings, the workspace's policy in the
// workspace (through review::Policy), and an API key is never stored — only its variable name.

#include "tst_review_fixture.h"
#include "UnreadableWorkspace.h"

#include "core/store/ReviewLog.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/UserSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QIcon>
#include <QLabel>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>

using namespace reverie;

class TestSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { test::isolateSettings(); }

    void savesUserSettingsAndWorkspacePolicySeparately()
    {
        test::ReviewWorkspace fx;
        test::GuiThreadSqlGuard guard;
        ui::SettingsDialog dialog(fx.path);
        QSignalSpy loaded(&dialog, &ui::SettingsDialog::policyLoaded);
        QVERIFY(test::activate(&dialog));
        // The dialog starts from what the workspace says, read on a worker.
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        auto *workflows = dialog.findChild<QPlainTextEdit *>(QStringLiteral("highStakesWorkflows"));
        QCOMPARE(workflows->toPlainText(), QStringLiteral("deploy_service"));
        auto *targets = dialog.findChild<QListWidget *>(QStringLiteral("publishTargets"));
        QCOMPARE(targets->count(), 2);
        // Each target's last publish, read on a worker: both were written when the playbook began.
        auto *targetStatus = dialog.findChild<QLabel *>(QStringLiteral("publishTargetStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(targetStatus->isVisible(), 20000);
        QVERIFY2(targetStatus->text().contains(QLatin1String("version 1 written")), qPrintable(targetStatus->text()));
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("approvalsNeeded"))->value(), 2);

        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reviewerName")), QStringLiteral("dana"));
        auto *provider = dialog.findChild<QComboBox *>(QStringLiteral("llmProvider"));
        provider->setCurrentIndex(1);
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("llmKeyEnv"))->placeholderText().contains(QLatin1String("OPENAI_API_KEY")));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("llmBaseUrl")), QStringLiteral("http://127.0.0.1:11434/v1"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("llmModel")), QStringLiteral("llama3.1"));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("llmKeyEnv")), QStringLiteral("MY_LLM_KEY"));
        workflows->setFocus();
        QTest::keyClick(workflows, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(workflows, Qt::Key_Return);
        QTest::keyClicks(workflows, QStringLiteral("refund_order"));
        QTest::keyClicks(dialog.findChild<QPlainTextEdit *>(QStringLiteral("highStakesTools")), QStringLiteral("deploy"));
        dialog.findChild<QSpinBox *>(QStringLiteral("approvalsNeeded"))->setValue(3);
        targets->setCurrentRow(1);
        delete targets->currentItem();                         // drop the JSON target
        auto *newTarget = dialog.findChild<QLineEdit *>(QStringLiteral("newPublishTarget"));
        const QString extra = fx.dir.filePath(QStringLiteral("CLAUDE.md"));
        QTest::keyClicks(newTarget, extra);
        QTest::keyClick(newTarget, Qt::Key_Return);
        QCOMPARE(targets->count(), 2);

        QSignalSpy saved(&dialog, &ui::SettingsDialog::saved);
        dialog.findChild<QPushButton *>(QStringLiteral("settingsSave"))->click();
        QVERIFY(saved.wait(20000));
        QVERIFY2(guard.clean(), guard.report());   // read and written on workers only

        const ui::UserSettings user = ui::UserSettings::load();
        QCOMPARE(user.reviewerName, QStringLiteral("dana"));
        QCOMPARE(user.llmProvider, QStringLiteral("openai"));
        QCOMPARE(user.llmBaseUrl, QStringLiteral("http://127.0.0.1:11434/v1"));
        QCOMPARE(user.llmModel, QStringLiteral("llama3.1"));
        QCOMPARE(user.llmApiKeyEnv, QStringLiteral("MY_LLM_KEY"));
        // Per-user settings hold no policy, the workspace holds no per-user settings.
        const QStringList keys = QSettings().allKeys();
        for (const QString &k : keys)
            QVERIFY2(!k.contains(QLatin1String("stakes")) && !k.contains(QLatin1String("publish")), qPrintable(k));
        QVERIFY(!keys.contains(QStringLiteral("llm/apiKey")));

        const review::PolicySettings policy = review::Policy(*fx.ws).load();
        QCOMPARE(policy.highStakesWorkflows, (QStringList{QStringLiteral("deploy_service"), QStringLiteral("refund_order")}));
        QCOMPARE(policy.highStakesTools, QStringList{QStringLiteral("deploy")});
        QCOMPARE(policy.approvalsNeeded, 3);
        QCOMPARE(policy.publishTargets, (QStringList{fx.markdown, extra}));
        QCOMPARE(policy.maxRules, 50);   // fields the dialog does not edit stay as they were
        // ... and the change is a recorded decision, by the reviewer named in the dialog.
        const std::vector<Review> log = store::ReviewLog(*fx.ws).all();
        QVERIFY(!log.empty());
        QCOMPARE(log.back().decision, QStringLiteral("policy"));
        QCOMPARE(log.back().reviewer, QStringLiteral("dana"));
    }

    void looseningThePolicyHereWaitsForApproversToo()
    {
        test::ReviewWorkspace fx;
        ui::SettingsDialog dialog(fx.path);
        QSignalSpy loaded(&dialog, &ui::SettingsDialog::policyLoaded);
        QVERIFY(test::activate(&dialog));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reviewerName")), QStringLiteral("mallory"));
        dialog.findChild<QCheckBox *>(QStringLiteral("autoApply"))->setChecked(true);
        dialog.findChild<QSpinBox *>(QStringLiteral("approvalsNeeded"))->setValue(1);
        QSignalSpy failed(&dialog, &ui::SettingsDialog::saveFailed);
        dialog.findChild<QPushButton *>(QStringLiteral("settingsSave"))->click();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("give a reason")),
                 qPrintable(failed.first().first().toString()));

        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("policyReason")), QStringLiteral("too slow"));
        dialog.findChild<QPushButton *>(QStringLiteral("settingsSave"))->click();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.last().first().toString().contains(QLatin1String("request #")),
                 qPrintable(failed.last().first().toString()));
        const review::PolicySettings policy = review::Policy(*fx.ws).load();
        QVERIFY(!policy.autoApplyLowStakes);
        QCOMPARE(policy.approvalsNeeded, 2);
    }

    void theWeakestEvidenceAutoApplyAcceptsIsEditedHere()
    {
        test::ReviewWorkspace fx;
        ui::SettingsDialog dialog(fx.path);
        QSignalSpy loaded(&dialog, &ui::SettingsDialog::policyLoaded);
        QVERIFY(test::activate(&dialog));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        auto *minimum = dialog.findChild<QComboBox *>(QStringLiteral("minStrength"));
        QVERIFY(minimum);
        QCOMPARE(minimum->currentData().toInt(), int(StrengthLevel::Moderate));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reviewerName")), QStringLiteral("dana"));
        minimum->setCurrentIndex(minimum->findData(int(StrengthLevel::Strong)));   // stricter: applies at once
        QSignalSpy saved(&dialog, &ui::SettingsDialog::saved);
        dialog.findChild<QPushButton *>(QStringLiteral("settingsSave"))->click();
        QVERIFY(saved.wait(20000));
        QCOMPARE(review::Policy(*fx.ws).load().minStrength, StrengthLevel::Strong);
        QCOMPARE(store::ReviewLog(*fx.ws).all().back().editedText, QStringLiteral("auto-apply needs strong evidence (was moderate)"));
    }

    void withoutAWorkspaceOnlyThePersonalPartIsEditable()
    {
        ui::SettingsDialog dialog{QString()};
        QVERIFY(!dialog.findChild<QGroupBox *>(QStringLiteral("policyBox"))->isEnabled());
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reviewerName")), QStringLiteral("sam"));
        QSignalSpy saved(&dialog, &ui::SettingsDialog::saved);
        dialog.save();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(ui::UserSettings::storedReviewerName(), QStringLiteral("sam"));
    }

    // The workspace file is replaced by garbage while the app runs: the dialog says what it
    // could not read (naming the file), and the personal part still saves.
    void anUnreadableWorkspaceLeavesThePersonalPartUsable()
    {
        test::ReviewWorkspace fx;
        fx.ws.reset();
        test::makeWorkspaceUnreadable(fx.path);
        test::GuiThreadSqlGuard guard;
        ui::SettingsDialog dialog(fx.path);
        QSignalSpy failed(&dialog, &ui::SettingsDialog::policyLoadFailed);
        QVERIFY(test::activate(&dialog));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("settingsError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QLatin1String("Could not read the workspace policy"))
                     && error->text().contains(QLatin1String("review.reverie")),
                 qPrintable(error->text()));
        QVERIFY(!dialog.findChild<QGroupBox *>(QStringLiteral("policyBox"))->isEnabled());
        QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("reviewerName")), QStringLiteral("kim"));
        QSignalSpy saved(&dialog, &ui::SettingsDialog::saved);
        dialog.findChild<QPushButton *>(QStringLiteral("settingsSave"))->click();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(ui::UserSettings::storedReviewerName(), QStringLiteral("kim"));
        QVERIFY2(guard.clean(), guard.report());
    }

    void desktopEntryAndIcon()
    {
        // The icon is embedded for the window and installed for the desktop entry.
        const QIcon icon(QStringLiteral(":/icons/reverie.svg"));
        QVERIFY(!icon.isNull());
        const QImage image = icon.pixmap(QSize(128, 128)).toImage();
        QCOMPARE(image.size(), QSize(128, 128));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 6, "the icon rendered blank");
        image.save(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("reverie_icon.png")));

        QSettings entry(QStringLiteral(REVERIE_RESOURCES_DIR "/reverie.desktop"), QSettings::IniFormat);
        entry.beginGroup(QStringLiteral("Desktop Entry"));
        QCOMPARE(entry.value(QStringLiteral("Type")).toString(), QStringLiteral("Application"));
        QCOMPARE(entry.value(QStringLiteral("Exec")).toString(), QStringLiteral("reverie"));
        QCOMPARE(entry.value(QStringLiteral("Icon")).toString(), QStringLiteral("reverie"));   // icons/reverie.svg
        QVERIFY(QFile::exists(QStringLiteral(REVERIE_RESOURCES_DIR "/icons/reverie.svg")));
        QVERIFY(!entry.value(QStringLiteral("Name")).toString().isEmpty());
    }

    void showSettingsDialogOpensWithoutBlocking()
    {
        QWidget parent;
        ui::showSettingsDialog(&parent);
        auto *dialog = parent.findChild<ui::SettingsDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
