// German: the compiled translation is embedded and chosen by locale, known strings come out
// in German, and the .ts leaves no message untranslated.

#include "ui/history/HistoryPage.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ReviewPage.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace reverie;

namespace {

// The %1, %2 ... and %n a message uses: a translation must keep every one of them.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private:
    QTranslator m_german;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/reverie_de.qm")));
        // The way the application picks it: by the locale.
        QVERIFY(m_german.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("reverie"), QStringLiteral("_"),
                              QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&m_german));
    }

    void knownStringsComeOutInGerman_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("german");
        QTest::newRow("page") << "reverie::ui::ReviewPage" << "Review" << QStringLiteral("Prüfung");
        QTest::newRow("history") << "reverie::ui::HistoryPage" << "Roll back to this version"
                                 << QStringLiteral("Auf diese Version zurücksetzen");
        QTest::newRow("revert") << "reverie::ui::HistoryPage" << "Revert this change" << QStringLiteral("Diese Änderung zurücknehmen");
        QTest::newRow("undo") << "reverie::ui::HistoryPage" << "Undo" << QStringLiteral("Rückgängig");
        QTest::newRow("settings") << "reverie::ui::SettingsDialog" << "Settings" << QStringLiteral("Einstellungen");
        QTest::newRow("stakes") << "reverie::ui::ProposalQueueModel" << "HIGH STAKES" << QStringLiteral("HOHES RISIKO");
        QTest::newRow("chart data") << "ChartData" << "no playbook" << QStringLiteral("kein Playbook");
        QTest::newRow("main window") << "reverie::ui::MainWindow" << "&File" << QStringLiteral("&Datei");
    }
    void knownStringsComeOutInGerman()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(QString, german);
        QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData()), german);
    }

    void pagesSpeakGerman()
    {
        ui::ReviewPage review;
        QCOMPARE(review.title(), QStringLiteral("Prüfung"));
        ui::HistoryPage history;
        QCOMPARE(history.title(), QStringLiteral("Playbook-Verlauf"));
        QCOMPARE(ui::ProposalQueueModel::operationLabel(ProposalOp::Remove), QStringLiteral("ENTFERNEN"));
        // Plurals: %n picks the German form.
        QCOMPARE(QCoreApplication::translate("reverie::ui::ReviewPage", "%n pending", nullptr, 1), QStringLiteral("1 offen"));
        QCOMPARE(QCoreApplication::translate("reverie::ui::ReviewPage", "%n pending", nullptr, 3), QStringLiteral("3 offen"));
    }

    void englishPluralsReadNaturally()
    {
        QTranslator english;
        QVERIFY(english.load(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("reverie"), QStringLiteral("_"),
                             QStringLiteral(":/i18n")));
        QCOMPARE(english.translate("ChartData", "%n run(s)", nullptr, 1), QStringLiteral("%n run"));
        QCOMPARE(english.translate("ChartData", "%n run(s)", nullptr, 2), QStringLiteral("%n runs"));
        QCOMPARE(english.translate("reverie::ui::ReviewPage", "Review"), QString());   // plurals only
    }

    void everyMessageIsTranslated_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("language");
        QTest::newRow("German") << QStringLiteral(REVERIE_TS_DIR "/reverie_de.ts") << QStringLiteral("de");
        QTest::newRow("English plurals") << QStringLiteral(REVERIE_TS_DIR "/reverie_en.ts") << QStringLiteral("en");
    }
    void everyMessageIsTranslated()
    {
        QFETCH(QString, file);
        QFETCH(QString, language);
        QFile ts(file);
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QString context;
        QString source;
        QStringList problems;
        bool numerus = false;
        QStringList forms;
        QString translation;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                const auto name = xml.name();
                if (name == QLatin1String("TS")) {
                    QCOMPARE(xml.attributes().value(QLatin1String("language")).toString(), language);
                } else if (name == QLatin1String("name")) {
                    context = xml.readElementText();
                } else if (name == QLatin1String("message")) {
                    ++messages;
                    numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                    forms.clear();
                    translation.clear();
                } else if (name == QLatin1String("source")) {
                    source = xml.readElementText();
                } else if (name == QLatin1String("translation")) {
                    const QString type = xml.attributes().value(QLatin1String("type")).toString();
                    if (!type.isEmpty())   // unfinished, vanished, obsolete
                        problems << QStringLiteral("%1 / \"%2\": %3").arg(context, source, type);
                    if (!numerus)
                        translation = xml.readElementText();
                } else if (name == QLatin1String("numerusform")) {
                    forms << xml.readElementText();
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                const QStringList texts = numerus ? forms : QStringList{translation};
                if (numerus && forms.size() != 2)
                    problems << QStringLiteral("%1 / \"%2\": needs 2 plural forms").arg(context, source);
                for (const QString &t : texts) {
                    if (t.trimmed().isEmpty())
                        problems << QStringLiteral("%1 / \"%2\": empty translation").arg(context, source);
                    else if (placeholders(t) != placeholders(source) && !(numerus && !t.contains(QLatin1String("%n"))))
                        problems << QStringLiteral("%1 / \"%2\": placeholders differ in \"%3\"").arg(context, source, t);
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > (language == QLatin1String("de") ? 100 : 10));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
