// An NNEF 1.0 text parser written for the tests from the specification's grammar (flat
// syntax plus KHR_enable_fragment_definitions), independent of the exporter: it checks
// graph.nnef and graph.quant token by token, and that every value is defined before use,
// every invoked operation is a standard one or a defined fragment, and every graph
// output is assigned. parse_nnef_graph returns "" when the text is valid, else the reason.
#pragma once

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace corvid::test::nnef {

struct Token {
  enum Kind { Identifier, Number, String, Symbol, End } kind = End;
  std::string text;
  int line = 0;
};

inline std::vector<Token> tokenize(const std::string& src, std::string& error) {
  std::vector<Token> tokens;
  int line = 1;
  for (std::size_t i = 0; i < src.size();) {
    const char c = src[i];
    if (c == '\n') ++line, ++i;
    else if (std::isspace(static_cast<unsigned char>(c))) ++i;
    else if (c == '#') while (i < src.size() && src[i] != '\n') ++i;
    else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < src.size() && (std::isalnum(static_cast<unsigned char>(src[j])) || src[j] == '_')) ++j;
      tokens.push_back({Token::Identifier, src.substr(i, j - i), line});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      while (j < src.size() && std::isdigit(static_cast<unsigned char>(src[j]))) ++j;
      if (j < src.size() && src[j] == '.') {
        ++j;
        while (j < src.size() && std::isdigit(static_cast<unsigned char>(src[j]))) ++j;
      }
      if (j < src.size() && (src[j] == 'e' || src[j] == 'E')) {
        ++j;
        if (j < src.size() && (src[j] == '+' || src[j] == '-')) ++j;
        if (j >= src.size() || !std::isdigit(static_cast<unsigned char>(src[j]))) {
          error = "line " + std::to_string(line) + ": malformed exponent";
          return {};
        }
        while (j < src.size() && std::isdigit(static_cast<unsigned char>(src[j]))) ++j;
      }
      tokens.push_back({Token::Number, src.substr(i, j - i), line});
      i = j;
    } else if (c == '\'' || c == '"') {
      const std::size_t close = src.find(c, i + 1);
      if (close == std::string::npos || src.find('\n', i) < close) {
        error = "line " + std::to_string(line) + ": unterminated string";
        return {};
      }
      tokens.push_back({Token::String, src.substr(i + 1, close - i - 1), line});
      i = close + 1;
    } else if (src.compare(i, 2, "->") == 0) {
      tokens.push_back({Token::Symbol, "->", line});
      i += 2;
    } else if (std::string("()[]{}<>,;:=?").find(c) != std::string::npos) {
      tokens.push_back({Token::Symbol, std::string(1, c), line});
      ++i;
    } else {
      error = "line " + std::to_string(line) + ": unexpected character '" + std::string(1, c) + "'";
      return {};
    }
  }
  tokens.push_back({Token::End, "", line});
  return tokens;
}

// The standard operations of NNEF 1.0 that a Corvid graph may use.
inline const std::set<std::string>& standard_operations() {
  static const std::set<std::string> ops = {
      "external", "variable", "constant", "add", "sub", "mul", "div", "pow", "lt", "gt", "le", "ge", "eq", "ne",
      "and", "or", "not", "neg", "abs", "sign", "floor", "ceil", "round", "sqr", "sqrt", "min", "max", "clamp",
      "select", "matmul", "linear", "slice", "concat", "squeeze", "unsqueeze", "reshape", "transpose",
      "sum_reduce", "copy", "zero_point_linear_quantize", "linear_quantize"};
  return ops;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  // <document> ::= <version> <extension>* <fragment-definition>* <graph-definition>
  void document() {
    keyword("version");
    expect(Token::Number, "a version number");
    symbol(";");
    while (peek("extension")) {
      next();
      expect(Token::Identifier, "an extension name");
      while (peek(",")) next(), expect(Token::Identifier, "an extension name");
      symbol(";");
    }
    while (peek("fragment")) fragment();
    graph();
    if (t_[at_].kind != Token::End) fail("text after the graph definition");
  }

  // graph.quant: ( <string> ":" <invocation> ";" )*
  void quantization() {
    while (t_[at_].kind != Token::End) {
      expect(Token::String, "a quoted tensor name");
      symbol(":");
      std::set<std::string> none;
      const std::string op = expect(Token::Identifier, "a quantisation operation");
      if (!standard_operations().count(op)) fail("unknown quantisation operation '" + op + "'");
      arguments(none);
      symbol(";");
    }
  }

  std::set<std::string> fragments, graph_inputs, graph_outputs;

 private:
  struct Failure {
    std::string message;
  };

  void fail(const std::string& m) const { throw Failure{"line " + std::to_string(t_[at_].line) + ": " + m}; }
  bool peek(const std::string& text) const { return t_[at_].kind != Token::String && t_[at_].text == text; }
  const Token& next() { return t_[at_++]; }
  void symbol(const std::string& s) {
    if (!peek(s)) fail("expected '" + s + "', found '" + t_[at_].text + "'");
    next();
  }
  void keyword(const std::string& k) { symbol(k); }
  std::string expect(Token::Kind kind, const std::string& what) {
    if (t_[at_].kind != kind) fail("expected " + what + ", found '" + t_[at_].text + "'");
    return next().text;
  }

  // <type-spec>: a type name or tensor<...>, optionally with [] suffixes.
  void type_spec() {
    if (peek("tensor")) {
      next();
      symbol("<");
      if (!peek(">")) type_name();
      symbol(">");
    } else {
      type_name();
    }
    while (peek("[")) next(), symbol("]");
  }
  void type_name() {
    for (const char* name : {"integer", "scalar", "logical", "string", "?"})
      if (peek(name)) return void(next());
    fail("expected a type name, found '" + t_[at_].text + "'");
  }

  void fragment() {
    keyword("fragment");
    const std::string name = expect(Token::Identifier, "a fragment name");
    std::set<std::string> defined;
    symbol("(");
    do {
      if (peek(",")) next();
      defined.insert(expect(Token::Identifier, "a parameter name"));
      symbol(":");
      type_spec();
      if (peek("=")) next(), literal();
    } while (peek(","));
    symbol(")");
    symbol("->");
    symbol("(");
    std::vector<std::string> results;
    do {
      if (peek(",")) next();
      results.push_back(expect(Token::Identifier, "a result name"));
      symbol(":");
      type_spec();
    } while (peek(","));
    symbol(")");
    fragments.insert(name);  // before the body: no recursion in NNEF, but declared for later use
    if (peek(";")) return void(next());
    body(defined);
    for (const std::string& r : results)
      if (!defined.count(r)) fail("fragment '" + name + "' never assigns its result '" + r + "'");
  }

  void graph() {
    keyword("graph");
    expect(Token::Identifier, "a graph name");
    identifier_list(graph_inputs);
    symbol("->");
    identifier_list(graph_outputs);
    std::set<std::string> defined;
    body(defined);
    for (const std::string& in : graph_inputs)
      if (!defined.count(in)) fail("graph input '" + in + "' is never declared");
    for (const std::string& out : graph_outputs)
      if (!defined.count(out)) fail("graph output '" + out + "' is never assigned");
  }

  void identifier_list(std::set<std::string>& into) {
    symbol("(");
    into.insert(expect(Token::Identifier, "an identifier"));
    while (peek(",")) next(), into.insert(expect(Token::Identifier, "an identifier"));
    symbol(")");
  }

  // <body> ::= "{" <assignment>+ "}"; <assignment> ::= <lvalue> "=" <rvalue> ";"
  void body(std::set<std::string>& defined) {
    symbol("{");
    do {
      std::vector<std::string> targets;
      lvalue(targets);
      symbol("=");
      rvalue(defined);
      symbol(";");
      for (const std::string& target : targets) {
        if (defined.count(target)) fail("'" + target + "' is assigned twice");
        defined.insert(target);
      }
    } while (!peek("}"));
    symbol("}");
  }

  void lvalue(std::vector<std::string>& targets) {
    if (peek("[") || peek("(")) {
      const std::string close = peek("[") ? "]" : ")";
      next();
      lvalue(targets);
      while (peek(",")) next(), lvalue(targets);
      symbol(close);
    } else {
      targets.push_back(expect(Token::Identifier, "an assignment target"));
    }
  }

  bool literal() {
    if (t_[at_].kind == Token::Number || t_[at_].kind == Token::String || peek("true") || peek("false")) {
      next();
      return true;
    }
    return false;
  }

  void rvalue(const std::set<std::string>& defined) {
    if (literal()) return;
    if (peek("[") || peek("(")) {
      const std::string close = peek("[") ? "]" : ")";
      next();
      if (!peek(close)) {
        rvalue(defined);
        while (peek(",")) next(), rvalue(defined);
      }
      symbol(close);
      return;
    }
    const std::string name = expect(Token::Identifier, "a value");
    if (peek("(") || peek("<")) {
      if (!standard_operations().count(name) && !fragments.count(name)) fail("unknown operation '" + name + "'");
      if (peek("<")) next(), type_name(), symbol(">");
      arguments(defined);
      return;
    }
    if (!defined.count(name)) fail("'" + name + "' is used before it is defined");
  }

  // "(" <argument> ("," <argument>)* ")", an argument being `name = rvalue` or an rvalue;
  // positional arguments come before named ones.
  void arguments(const std::set<std::string>& defined) {
    symbol("(");
    bool named = false;
    do {
      if (peek(",")) next();
      if (t_[at_].kind == Token::Identifier && t_[at_ + 1].text == "=") {
        next(), next();
        named = true;
      } else if (named) {
        fail("a positional argument after a named one");
      }
      rvalue(defined);
    } while (peek(","));
    symbol(")");
  }

  std::vector<Token> t_;
  std::size_t at_ = 0;

 public:
  // Runs one of the entry points; "" on success, else the message.
  template <typename F>
  std::string run(F entry) {
    try {
      (this->*entry)();
      return {};
    } catch (const Failure& f) {
      return f.message;
    }
  }
};

inline std::string parse_nnef_graph(const std::string& text, Parser* keep = nullptr) {
  std::string error;
  std::vector<Token> tokens = tokenize(text, error);
  if (!error.empty()) return error;
  Parser p(std::move(tokens));
  const std::string result = p.run(&Parser::document);
  if (keep) *keep = p;
  return result;
}

inline std::string parse_nnef_quant(const std::string& text) {
  std::string error;
  std::vector<Token> tokens = tokenize(text, error);
  if (!error.empty()) return error;
  Parser p(std::move(tokens));
  return p.run(&Parser::quantization);
}

}  // namespace corvid::test::nnef
