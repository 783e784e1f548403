/// Reads NxSDK / Lava sum-of-products learning rules such as `dw = 4*x0*y0*r1 - 2*x0*y0`.
///
/// Grammar (whitespace separates tokens and is otherwise ignored):
///
///     rule     = [ ("dw" | "dd" | "dt") "=" ] [ "+" | "-" ] product { ("+" | "-") product }
///     product  = factor { "*" factor }
///     factor   = dependency | variable | literal | "(" literal ")"
///              | "(" variable [ ("+" | "-") integer ] ")"
///              | "sgn" "(" ("w" | "d" | "t") [ ("+" | "-") integer ] ")"
///     literal  = integer | "2" "^" [ "+" | "-" ] integer
///
/// Every product needs one dependency (`x0`, `y0` or `u<k>`); its literals multiply into one
/// constant `m·2^e` that must fit the chip's 4-bit mantissa and exponent after normalisation.
public enum RuleParser {
  /// Parses an NxSDK sum-of-products rule. `variable` is "dw", "dd" or "dt".
  ///
  /// Accepts either the bare right-hand side (`4*x0*y0*r1 - 2*x0*y0`) or the full form
  /// `dw = ...`, whose left side must then equal `variable`. Errors are `LoihiError.Problem.rule`
  /// with the 1-based column (in characters of `text`) of the offending character.
  public static func parse(_ text: String, variable: String) throws -> RuleExpression {
    guard ["dw", "dd", "dt"].contains(variable) else {
      throw LoihiError(path: "variable", .invalid(value: variable, expected: "dw, dd or dt"))
    }
    var parser = Parser(text: text, variable: variable)
    return try parser.rule()
  }
}

// MARK: - Tokens

private struct Token {
  enum Kind: Equatable {
    case name(String)
    /// `nil` when the literal exceeds `Parser.largestInteger`; reported only if the parser gets
    /// that far, so an earlier syntax error still wins.
    case integer(Int?)
    case symbol(Character)
    case end
  }

  var kind: Kind
  /// 1-based, counted in `Character`s so it matches what an editor shows and `text.count`.
  var column: Int
}

private func tokenize(_ text: String) -> [Token] {
  let chars = Array(text)
  var tokens: [Token] = []
  var i = 0
  while i < chars.count {
    let c = chars[i]
    if c.isWhitespace {
      i += 1
      continue
    }
    let start = i
    if isLetter(c) {
      while i < chars.count, isLetter(chars[i]) || isDigit(chars[i]) { i += 1 }
      tokens.append(Token(kind: .name(String(chars[start..<i])), column: start + 1))
    } else if isDigit(c) {
      var value: Int? = 0
      while i < chars.count, let digit = digitValue(chars[i]) {
        // Saturate to nil instead of overflowing on absurdly long literals.
        if let v = value {
          let next = v * 10 + digit
          value = next > Parser.largestInteger ? nil : next
        }
        i += 1
      }
      tokens.append(Token(kind: .integer(value), column: start + 1))
    } else {
      tokens.append(Token(kind: .symbol(c), column: start + 1))
      i += 1
    }
  }
  tokens.append(Token(kind: .end, column: chars.count + 1))
  return tokens
}

private func isLetter(_ c: Character) -> Bool {
  guard let a = c.asciiValue else { return false }
  return (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A)
}

private func isDigit(_ c: Character) -> Bool { digitValue(c) != nil }

private func digitValue(_ c: Character) -> Int? {
  // asciiValue is nil for multi-scalar characters, so "5" plus a combining mark is not a digit.
  guard let a = c.asciiValue, a >= 0x30, a <= 0x39 else { return nil }
  return Int(a - 0x30)
}

// MARK: - Constant

/// The exact product of a product's literals, kept as `odd · 2^twos · 2^exponent` so that no
/// combination of in-range literals can overflow.
private struct Constant {
  var isZero = false
  var odd = 1
  /// Once the odd part exceeds 7 no normalisation can bring the mantissa into range.
  var oddTooLarge = false
  var twos = 0
  var exponent = 0
  /// Where the first literal starts, for error messages.
  var column: Int?

  mutating func multiply(integer n: Int, column: Int) {
    self.column = self.column ?? column
    if n == 0 {
      isZero = true
      return
    }
    let zeros = n.trailingZeroBitCount
    twos += zeros
    if !oddTooLarge {
      odd *= n >> zeros
      oddTooLarge = odd > 7
    }
  }

  mutating func multiply(powerOfTwo e: Int, column: Int) {
    self.column = self.column ?? column
    exponent += e
  }

  /// The normalised `(m, e)` with `m` signed, or nil when it does not fit −8...7 × 2^(−7...8).
  func normalised(negative: Bool) -> (mantissa: Int32, exponent: Int32)? {
    if isZero { return (0, 0) }
    if oddTooLarge { return nil }
    var twos = self.twos
    var e = exponent
    // Halve an even mantissa while it is too wide and the exponent has room, as NxSDK does.
    while twos > 0, twos >= 3 || (odd << twos) > 7, e < 8 {
      twos -= 1
      e += 1
    }
    guard twos <= 3 else { return nil }
    let m = negative ? -(odd << twos) : odd << twos
    guard (-8...7).contains(m), (-7...8).contains(e) else { return nil }
    return (Int32(m), Int32(e))
  }
}

// MARK: - Parser

private struct Parser {
  static let largestInteger = 1_000_000
  static let largestExponent = 30

  static let expectedFactor =
    "a factor (x0, y0, u<k>, x1, x2, y1, y2, y3, r1, w, d, t, a constant, (V + C) or sgn(V + C))"
  static let expectedAfterFactor = "'*', '+', '-' or end of rule"
  static let expectedConstant = "a constant m*2^e with m in -8...7 and e in -7...8"
  static let expectedInParentheses =
    "a variable (x0, y0, x1, x2, y1, y2, y3, r1, w, d, t) or a constant"

  /// What one factor contributes to its product.
  enum Piece {
    /// A bare `x0`, `y0` or `u<k>`: the dependency if it is the product's first one.
    case dependency(RuleDependency)
    case factor(RuleFactor)
    case integer(Int)
    case power(Int)
  }

  let text: String
  let variable: String
  let tokens: [Token]
  var index = 0
  /// The one `u<k>` a rule may use (Lava's restriction), with k.
  var ruleU: Int?

  init(text: String, variable: String) {
    self.text = text
    self.variable = variable
    self.tokens = tokenize(text)
  }

  var peek: Token { tokens[index] }

  mutating func advance() { index = min(index + 1, tokens.count - 1) }

  mutating func accept(_ symbol: Character) -> Bool {
    guard peek.kind == .symbol(symbol) else { return false }
    advance()
    return true
  }

  func fail(_ token: Token, _ expected: String) -> LoihiError {
    LoihiError(path: variable, .rule(text: text, column: token.column, expected: expected))
  }

  // MARK: Rule

  mutating func rule() throws -> RuleExpression {
    try leftSide()
    if peek.kind == .end { throw fail(peek, "a product") }
    var products: [RuleProduct] = []
    var negative = accept("-")
    if !negative { _ = accept("+") }
    while true {
      products.append(try product(negative: negative))
      if accept("+") {
        negative = false
      } else if accept("-") {
        negative = true
      } else if peek.kind == .end {
        break
      } else {
        throw fail(peek, Self.expectedAfterFactor)
      }
    }
    return RuleExpression(text: text, products: products)
  }

  /// Consumes `dw =` (or `dd =`, `dt =`) when present.
  mutating func leftSide() throws {
    guard case .name(let name) = peek.kind else { return }
    // Any name followed by '=' is meant as a left side, so `w = ...` gets a useful message.
    let isLeftSide =
      ["dw", "dd", "dt"].contains(name) || tokens[index + 1].kind == .symbol("=")
    guard isLeftSide else { return }
    guard name == variable else { throw fail(peek, "'\(variable)' on the left of '='") }
    advance()
    guard accept("=") else { throw fail(peek, "'=' after \(name)") }
  }

  // MARK: Product

  mutating func product(negative: Bool) throws -> RuleProduct {
    let first = peek
    var dependency: RuleDependency?
    // Where a demoted x0/y0 dependency goes back among the factors if a u<k> follows it.
    var dependencySlot = 0
    var factors: [RuleFactor] = []
    var constant = Constant()
    repeat {
      let start = peek
      switch try factor() {
      case .dependency(.u(let k)):
        if case .u = dependency { throw fail(start, "at most one u<k> in a product") }
        if let first = ruleU, first != k {
          throw fail(start, "u\(first) (a rule may use only one u<k>)")
        }
        ruleU = k
        // u<k> cannot be an ordinary factor, so it takes over from an earlier x0/y0.
        if let earlier = dependency {
          factors.insert(RuleFactor(earlier == .x0 ? .x0 : .y0), at: dependencySlot)
        }
        dependency = .u(k)
      case .dependency(let d):
        if dependency == nil {
          dependency = d
          dependencySlot = factors.count
        } else {
          factors.append(RuleFactor(d == .x0 ? .x0 : .y0))
        }
      case .factor(let f):
        factors.append(f)
      case .integer(let n):
        constant.multiply(integer: n, column: start.column)
      case .power(let e):
        constant.multiply(powerOfTwo: e, column: start.column)
      }
    } while accept("*")

    guard let dependency else { throw fail(first, "a dependency (x0, y0 or u<k>)") }
    guard let (m, e) = constant.normalised(negative: negative) else {
      let column = constant.column ?? peek.column
      throw LoihiError(
        path: variable, .rule(text: text, column: column, expected: Self.expectedConstant))
    }
    return RuleProduct(dependency: dependency, mantissa: m, exponent: e, factors: factors)
  }

  // MARK: Factor

  mutating func factor() throws -> Piece {
    let token = peek
    switch token.kind {
    case .name(let name):
      advance()
      if name == "sgn" { return .factor(try signFactor()) }
      if let dependency = Self.dependency(named: name) { return .dependency(dependency) }
      if let v = RuleVariable(rawValue: name) { return .factor(RuleFactor(v)) }
      throw fail(token, Self.expectedFactor)
    case .integer:
      return try literal()
    case .symbol("("):
      advance()
      return try parenthesised()
    default:
      throw fail(token, Self.expectedFactor)
    }
  }

  static func dependency(named name: String) -> RuleDependency? {
    if name == "x0" { return .x0 }
    if name == "y0" { return .y0 }
    let scalars = Array(name.unicodeScalars)
    guard scalars.count == 2, scalars[0] == "u", let k = digitValue(Character(scalars[1])) else {
      return nil
    }
    return .u(k)
  }

  /// After `(`: a wrapped literal, `V`, or `V ± C`, then `)`.
  mutating func parenthesised() throws -> Piece {
    let token = peek
    switch token.kind {
    case .integer:
      let piece = try literal()
      guard accept(")") else { throw fail(peek, "')'") }
      return piece
    case .name(let name):
      guard let v = RuleVariable(rawValue: name) else {
        throw fail(token, Self.expectedInParentheses)
      }
      advance()
      let offset = try offsetAndClose()
      // `(x0)` is just x0 and may still be the dependency; `(x0 + C)` is a plain factor.
      if offset == nil, let dependency = Self.dependency(named: name) {
        return .dependency(dependency)
      }
      return .factor(RuleFactor(v, offset: offset ?? 0))
    default:
      throw fail(token, Self.expectedInParentheses)
    }
  }

  /// After `sgn`: `(V)` or `(V ± C)` with V one of the synaptic variables.
  mutating func signFactor() throws -> RuleFactor {
    guard accept("(") else { throw fail(peek, "'(' after sgn") }
    guard case .name(let name) = peek.kind, let v = RuleVariable(rawValue: name),
      [.w, .d, .t].contains(v)
    else { throw fail(peek, "w, d or t inside sgn(...)") }
    advance()
    return RuleFactor(v, offset: try offsetAndClose() ?? 0, isSign: true)
  }

  /// Reads an optional `± C` and the closing `)`; nil when there was no offset.
  mutating func offsetAndClose() throws -> Int32? {
    if accept(")") { return nil }
    let op: Character
    if accept("+") {
      op = "+"
    } else if accept("-") {
      op = "-"
    } else {
      throw fail(peek, "'+', '-' or ')'")
    }
    let c = try integer(expected: "an integer after '\(op)'")
    guard accept(")") else { throw fail(peek, "')'") }
    return Int32(op == "-" ? -c : c)
  }

  // MARK: Literals

  /// An integer `n` or a power `2^e`.
  mutating func literal() throws -> Piece {
    let base = peek
    let n = try integer(expected: Self.expectedFactor)
    guard peek.kind == .symbol("^") else { return .integer(n) }
    guard n == 2 else { throw fail(base, "2 as the base of '^'") }
    advance()
    var negative = false
    if accept("-") {
      negative = true
    } else {
      _ = accept("+")
    }
    let digits = peek
    let e = try integer(expected: "an integer after '^'")
    guard e <= Self.largestExponent else {
      throw fail(digits, "an exponent of at most \(Self.largestExponent) in magnitude")
    }
    return .power(negative ? -e : e)
  }

  mutating func integer(expected: String) throws -> Int {
    let token = peek
    guard case .integer(let value) = token.kind else { throw fail(token, expected) }
    guard let value else { throw fail(token, "an integer of at most \(Self.largestInteger)") }
    advance()
    return value
  }
}
