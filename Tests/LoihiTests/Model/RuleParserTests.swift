import Loihi
import Testing

/// Shorthand for an expected product.
private func product(
  _ dependency: RuleDependency, _ mantissa: Int32, _ exponent: Int32, _ factors: [RuleFactor]
) -> RuleProduct {
  RuleProduct(dependency: dependency, mantissa: mantissa, exponent: exponent, factors: factors)
}

private func f(_ variable: RuleVariable, _ offset: Int32 = 0) -> RuleFactor {
  RuleFactor(variable, offset: offset)
}

private func sgn(_ variable: RuleVariable, _ offset: Int32 = 0) -> RuleFactor {
  RuleFactor(variable, offset: offset, isSign: true)
}

struct RuleParserTests {
  struct Good: Sendable, CustomTestStringConvertible {
    var id: String
    var text: String
    var variable = "dw"
    var products: [RuleProduct]
    var testDescription: String { id }
  }

  static let good: [Good] = [
    Good(
      id: "NxSDK reward rule", text: "dw = u1*x1*y1*(2^-7)",
      products: [product(.u(1), 1, -7, [f(.x1), f(.y1)])]),
    Good(
      id: "NxSDK reward rule negated", text: "dw = -u1*x1*y1*(2^-7)",
      products: [product(.u(1), -1, -7, [f(.x1), f(.y1)])]),
    Good(
      id: "NxSDK y0-first STDP", text: "y0*x0*r1*4 - y0*x0*2",
      products: [product(.y0, 4, 0, [f(.x0), f(.r1)]), product(.y0, -2, 0, [f(.x0)])]),
    Good(
      id: "x0-first reward STDP", text: "4*x0*y0*r1 - 2*x0*y0",
      products: [product(.x0, 4, 0, [f(.y0), f(.r1)]), product(.x0, -2, 0, [f(.y0)])]),
    Good(
      id: "pair STDP with 2^-2", text: "2^-2*x1*y0 - 2^-2*y1*x0",
      products: [product(.y0, 1, -2, [f(.x1)]), product(.x0, -1, -2, [f(.y1)])]),
    Good(
      id: "offset factor", text: "x0*(w + 3)",
      products: [product(.x0, 1, 0, [f(.w, 3)])]),
    Good(
      id: "negative offset factor", text: "x0*(y0 - 1)",
      products: [product(.x0, 1, 0, [f(.y0, -1)])]),
    Good(
      id: "sign factor", text: "y0*sgn(w - 2)*x1",
      products: [product(.y0, 1, 0, [sgn(.w, -2), f(.x1)])]),
    Good(
      id: "bare sign factor", text: "sgn(d)*x0",
      products: [product(.x0, 1, 0, [sgn(.d)])]),
    Good(
      // Halving stops once |m| <= 7, as in Lava's ProductSeries.
      id: "16 normalises to 4*2^2", text: "16*x0",
      products: [product(.x0, 4, 2, [])]),
    Good(
      id: "4*2^-7 is already normal", text: "x0*2^-7*4",
      products: [product(.x0, 4, -7, [])]),
    Good(
      id: "-8 normalises to -4*2^1", text: "-8*x0",
      products: [product(.x0, -4, 1, [])]),
    Good(
      id: "-8 kept when exponent is 8", text: "-8*2^8*x0",
      products: [product(.x0, -8, 8, [])]),
    Good(
      id: "6 stays even", text: "x0*2^3*2^-1*6",
      products: [product(.x0, 6, 2, [])]),
    Good(
      id: "literals multiply", text: "x0*2^-7*3",
      products: [product(.x0, 3, -7, [])]),
    Good(
      id: "explicit plus exponent in parentheses", text: "x0*(2^+3)",
      products: [product(.x0, 1, 3, [])]),
    Good(
      id: "zero constant", text: "x0*0*9",
      products: [product(.x0, 0, 0, [])]),
    Good(
      id: "dd rule", text: "dd = x0*y0", variable: "dd",
      products: [product(.x0, 1, 0, [f(.y0)])]),
    Good(
      id: "dt rule", text: "dt=y0*t", variable: "dt",
      products: [product(.y0, 1, 0, [f(.t)])]),
    Good(
      id: "leading plus", text: "+x0*x1",
      products: [product(.x0, 1, 0, [f(.x1)])]),
    Good(
      id: "same u twice", text: "u0*x1 + u0*y1",
      products: [product(.u(0), 1, 0, [f(.x1)]), product(.u(0), 1, 0, [f(.y1)])]),
    Good(
      id: "u takes over from x0", text: "y1*x0*u2*y2",
      products: [product(.u(2), 1, 0, [f(.y1), f(.x0), f(.y2)])]),
    Good(
      id: "parenthesised dependency", text: "(x0)*y1",
      products: [product(.x0, 1, 0, [f(.y1)])]),
    Good(
      id: "all variables", text: "u9*x0*y0*x1*x2*y1*y2*y3*r1*w*d*t",
      products: [
        product(
          .u(9), 1, 0,
          [f(.x0), f(.y0), f(.x1), f(.x2), f(.y1), f(.y2), f(.y3), f(.r1), f(.w), f(.d), f(.t)])
      ]),
  ]

  @Test(arguments: good)
  func parses(_ c: Good) throws {
    let rule = try RuleParser.parse(c.text, variable: c.variable)
    #expect(rule.text == c.text)
    #expect(rule.products == c.products)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var id: String
    var text: String
    var variable = "dw"
    var column: Int
    var expected: String
    var testDescription: String { id }
  }

  static let factor =
    "a factor (x0, y0, u<k>, x1, x2, y1, y2, y3, r1, w, d, t, a constant, (V + C) or sgn(V + C))"
  static let constant = "a constant m*2^e with m in -8...7 and e in -7...8"

  static let bad: [Bad] = [
    Bad(id: "unknown token", text: "4*x0*y0*r1 - 2*z0", column: 16, expected: factor),
    Bad(id: "unknown token after whitespace", text: "  x0 *\tz0", column: 8, expected: factor),
    Bad(id: "non-ASCII character", text: "x0*e\u{301}", column: 4, expected: factor),
    Bad(id: "odd mantissa too large", text: "9*x0", column: 1, expected: constant),
    Bad(id: "exponent too small", text: "x0*2^-8", column: 4, expected: constant),
    Bad(id: "mantissa 8 at exponent 8", text: "x0*8*2^8", column: 4, expected: constant),
    Bad(
      id: "missing dependency", text: "x1*y1", column: 1,
      expected: "a dependency (x0, y0 or u<k>)"),
    Bad(
      id: "missing dependency in second product", text: "x0 - x1*y1", column: 6,
      expected: "a dependency (x0, y0 or u<k>)"),
    Bad(id: "missing ')'", text: "x0*(w + 3", column: 10, expected: "')'"),
    Bad(id: "empty product", text: "dw = ", column: 6, expected: "a product"),
    Bad(id: "empty rule", text: "", column: 1, expected: "a product"),
    Bad(id: "missing '='", text: "dw x0", column: 4, expected: "'=' after dw"),
    Bad(
      id: "left side mismatch", text: "dt = x0", column: 1,
      expected: "'dw' on the left of '='"),
    Bad(
      id: "two different u", text: "u1*x1 + u2*y1", column: 9,
      expected: "u1 (a rule may use only one u<k>)"),
    Bad(
      id: "two u in a product", text: "u1*u1*x1", column: 4,
      expected: "at most one u<k> in a product"),
    Bad(id: "trailing '*'", text: "x0*y1*", column: 7, expected: factor),
    Bad(id: "trailing '-'", text: "x0 - ", column: 6, expected: factor),
    Bad(id: "missing operator", text: "x0 y0", column: 4, expected: "'*', '+', '-' or end of rule"),
    Bad(id: "missing exponent", text: "x0*2^", column: 6, expected: "an integer after '^'"),
    Bad(
      id: "huge exponent", text: "x0*2^-31", column: 7,
      expected: "an exponent of at most 30 in magnitude"),
    Bad(
      id: "huge integer", text: "x0*1000001", column: 4,
      expected: "an integer of at most 1000000"),
    Bad(
      id: "overflowing integer", text: "x0*99999999999999999999999", column: 4,
      expected: "an integer of at most 1000000"),
    Bad(id: "base other than 2", text: "x0*3^2", column: 4, expected: "2 as the base of '^'"),
    Bad(id: "sgn of a trace", text: "x0*sgn(x1)", column: 8, expected: "w, d or t inside sgn(...)"),
    Bad(id: "sgn without '('", text: "x0*sgn w", column: 8, expected: "'(' after sgn"),
    Bad(
      id: "u in parentheses", text: "x0*(u1)", column: 5,
      expected: "a variable (x0, y0, x1, x2, y1, y2, y3, r1, w, d, t) or a constant"),
    Bad(id: "'*' inside (V + C)", text: "x0*(w * 3)", column: 7, expected: "'+', '-' or ')'"),
    Bad(id: "non-integer offset", text: "x0*(w + y1)", column: 9, expected: "an integer after '+'"),
  ]

  @Test(arguments: bad)
  func rejects(_ c: Bad) {
    #expect(
      throws: LoihiError(
        path: c.variable, .rule(text: c.text, column: c.column, expected: c.expected))
    ) {
      try RuleParser.parse(c.text, variable: c.variable)
    }
  }

  @Test(arguments: [
    ("dw=u1*x1*y1*(2^-7)", "  dw  =  u1 * x1 * y1 * ( 2 ^ - 7 )  "),
    ("y0*x0*r1*4-y0*x0*2", "y0 *x0* r1\t*4\n- y0*x0 *2"),
    ("x0*(w+3)-y0*sgn(w-2)*x1", " x0 * ( w + 3 ) - y0 * sgn ( w - 2 ) * x1 "),
  ])
  func whitespaceIsIgnored(tight: String, spaced: String) throws {
    let a = try RuleParser.parse(tight, variable: "dw")
    let b = try RuleParser.parse(spaced, variable: "dw")
    #expect(a.products == b.products)
  }

  @Test func rejectsUnknownTarget() {
    #expect(throws: LoihiError(path: "variable", .invalid(value: "dx", expected: "dw, dd or dt"))) {
      try RuleParser.parse("x0", variable: "dx")
    }
  }
}
