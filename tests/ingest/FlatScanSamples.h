#pragma once

// Sample lines for tst_flat_scan, kept out of the test's own file (moc reads that one).

#include <QByteArray>

#include <string>
#include <utility>
#include <vector>

namespace {

const char *const kPlain = R"({"trajectory":"run-1","type":"tool_call","ts":1763900000100,"tool":"deploy",)"
                           R"("call_id":"c1","input":{"q":"checked the service"}})";

const std::vector<std::string> &seeds()
{
    static const std::vector<std::string> all = {
        kPlain,
        R"({"trajectory":"run-1","type":"observation","ts":"2026-02-10T21:11:56.906Z","output":"ok","is_error":false})",
        R"( { "trajectory" : "r" , "type" : "message" , "text" : "tab\tquote\" slash\/ \u00e9 \u00e9 \ud83d\ude00" } )",
        R"({"type":"x","input":[1,-2,{"a":null,"b":[true,false]},"s"],"k":{}})",
        R"({"type":"x","input":{"b":1,"a":2},"output":1.5,"ts":-0,"k":18446744073709551615})",
        R"({"type":"x","input":{"a":"esc\n"},"ts":1e3,"k":[],"text":null})",
        R"({"k":"\ud800","text":"\udc00x"})",
        "{\"text\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\",\"k\":[[[[1]]]]}",
        "{\"text\":\"bad \xc3\x28 utf8\"}",
        "\xef\xbb\xbf{\"type\":\"bom\"}",
        R"({"type":"dup","type":"last","k":1,"k":"two"})",
        R"([1,2,3])",
        R"({"a":1}x)",
        R"({"a":01})",
        R"({"a":1.})",
        R"({"a":"unterminated)",
        R"({"k":[1e892561985],"text":"x"})",
        R"({"k":-1.7976931348623157e308,"text":"x"})",
        "{\"k\":" + std::string(400, '9') + ",\"text\":\"x\"}",
        R"({"\u0074ype":"escaped name"})",
    };
    return all;
}

const char *const kPlainInput = R"({"q":"checked the service"})";
const char *const kEscapedDecoded = "tab\tquote\" slash/ \xc3\xa9 \xc3\xa9 \xf0\x9f\x98\x80";
const char *const kSpacedNested = R"({"input": { "a" : [ 1 , "x y" ] }})";
const char *const kSpacedNestedCompact = R"({"a":[1,"x y"]})";

std::string damageAlphabet() { return "{}[]\":,\\/ \t0123456789-+.eEtrufalsnu\x7f\xc3\xa9\xed\xa0\xf0\x80"; }

const std::vector<std::pair<const char *, QByteArray>> &leftToTheFullParser()
{
    static const std::vector<std::pair<const char *, QByteArray>> all = {
        {"fraction", QByteArray(R"({"ts":1.5})")},
        {"exponent", QByteArray(R"({"ts":1e3})")},
        {"minus zero", QByteArray(R"({"ts":-0})")},
        {"beyond qint64", QByteArray(R"({"ts":9223372036854775808})")},
        {"unsorted nested keys", QByteArray(R"({"input":{"b":1,"a":2}})")},
        {"escape in nested", QByteArray(R"({"input":{"a":"x\ny"}})")},
        {"lone surrogate", QByteArray(R"({"text":"\udc00"})")},
        {"invalid UTF-8", QByteArray("{\"text\":\"\xc3\x28\"}")},
        {"overlong UTF-8", QByteArray("{\"text\":\"\xc0\xaf\"}")},
        {"control character", QByteArray("{\"text\":\"a\x01z\"}")},
        {"byte order mark", QByteArray("\xef\xbb\xbf{}")},
        {"trailing text", QByteArray(R"({"a":1} 2)")},
        {"leading zero", QByteArray(R"({"a":01})")},
        {"not an object", QByteArray(R"(["a"])")},
        {"escaped name", QByteArray(R"({"t\u0065xt":"x"})")},
        {"number overflow", QByteArray(R"({"k":[1e400]})")},
        {"truncated", QByteArray(R"({"text":"x")")},
        {"too deep", QByteArray("{\"k\":" + QByteArray(300, '[') + QByteArray(300, ']') + "}")},
    };
    return all;
}

} // namespace

