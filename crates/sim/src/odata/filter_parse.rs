//! `$filter` text to an expression tree: tokens, precedence (or < and < not < comparison),
//! function calls, lambda `any`/`all`, literals with `''` escaping (graph-facts §2.5).
use crate::errors::GraphError;

/// A parsed `$filter` expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    /// `startswith(a,b)` and friends; name in lower case.
    Call(String, Vec<Expr>),
    /// `path/any(v: body)` or `path/all(v: body)`; `body` is `None` for `path/any()`.
    Lambda {
        path: Vec<String>,
        all: bool,
        var: String,
        body: Option<Box<Expr>>,
    },
    /// A property path split at `/`.
    Path(Vec<String>),
    Literal(Literal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
    /// An unquoted ISO 8601 date or date-time, kept as written.
    DateTime(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Number(f64),
    DateTime(String),
    Open,
    Close,
    Comma,
    Slash,
    Colon,
}

/// Parses a `$filter` value; errors are Graph's 400 "Invalid filter clause".
pub fn parse_filter(text: &str) -> Result<Expr, GraphError> {
    let tokens = tokenize(text).map_err(|why| invalid(text, &why))?;
    let mut parser = Parser { tokens, pos: 0 };
    let expr = parser.or_expr().map_err(|why| invalid(text, &why))?;
    if parser.pos != parser.tokens.len() {
        return Err(invalid(text, &format!("unexpected token at position {}", parser.pos)));
    }
    Ok(expr)
}

fn invalid(text: &str, why: &str) -> GraphError {
    GraphError::bad_request(format!("Invalid filter clause: {why} in '{text}'."))
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            ',' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            '/' => {
                tokens.push(Token::Slash);
                i += 1;
            }
            ':' => {
                tokens.push(Token::Colon);
                i += 1;
            }
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("unterminated string literal".into()),
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&other) => {
                            s.push(other);
                            i += 1;
                        }
                    }
                }
                tokens.push(Token::Str(s));
            }
            c if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) => {
                let start = i;
                let is_date =
                    chars.len() >= i + 5 && chars[i..i + 4].iter().all(|d| d.is_ascii_digit()) && chars[i + 4] == '-';
                if is_date {
                    while i < chars.len()
                        && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], ':' | '.' | '+' | '-'))
                    {
                        i += 1;
                    }
                    tokens.push(Token::DateTime(chars[start..i].iter().collect()));
                } else {
                    i += 1;
                    while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], '.' | 'e' | 'E')) {
                        i += 1;
                    }
                    let s: String = chars[start..i].iter().collect();
                    let n = s.parse::<f64>().map_err(|_| format!("bad number '{s}'"))?;
                    tokens.push(Token::Number(n));
                }
            }
            c if c.is_alphabetic() || c == '_' || c == '@' || c == '$' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '@' | '.' | '$' | '-'))
                {
                    i += 1;
                }
                tokens.push(Token::Ident(chars[start..i].iter().collect()));
            }
            other => return Err(format!("unexpected character '{other}' at position {i}")),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Ident(w)) if w.eq_ignore_ascii_case(word))
    }

    fn expect(&mut self, token: Token) -> Result<(), String> {
        if self.peek() == Some(&token) {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!("expected {token:?} at position {}", self.pos))
        }
    }

    fn or_expr(&mut self) -> Result<Expr, String> {
        let mut left = self.and_expr()?;
        while self.peek_keyword("or") {
            self.pos += 1;
            let right = self.and_expr()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while self.peek_keyword("and") {
            self.pos += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek_keyword("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, String> {
        let left = self.primary()?;
        let op = match self.peek() {
            Some(Token::Ident(w)) => match w.to_ascii_lowercase().as_str() {
                "eq" => Some(CompareOp::Eq),
                "ne" => Some(CompareOp::Ne),
                "gt" => Some(CompareOp::Gt),
                "ge" => Some(CompareOp::Ge),
                "lt" => Some(CompareOp::Lt),
                "le" => Some(CompareOp::Le),
                _ => None,
            },
            _ => None,
        };
        let Some(op) = op else { return Ok(left) };
        self.pos += 1;
        let right = self.primary()?;
        Ok(Expr::Compare(op, Box::new(left), Box::new(right)))
    }

    fn primary(&mut self) -> Result<Expr, String> {
        let pos = self.pos;
        let Some(token) = self.tokens.get(pos).cloned() else {
            return Err("unexpected end of expression".into());
        };
        self.pos += 1;
        match token {
            Token::Open => {
                let inner = self.or_expr()?;
                self.expect(Token::Close)?;
                Ok(inner)
            }
            Token::Str(s) => Ok(Expr::Literal(Literal::String(s))),
            Token::Number(n) => Ok(Expr::Literal(Literal::Number(n))),
            Token::DateTime(d) => Ok(Expr::Literal(Literal::DateTime(d))),
            Token::Ident(word) => self.after_ident(word),
            other => Err(format!("unexpected {other:?} at position {pos}")),
        }
    }

    fn after_ident(&mut self, word: String) -> Result<Expr, String> {
        match word.to_ascii_lowercase().as_str() {
            "true" => return Ok(Expr::Literal(Literal::Bool(true))),
            "false" => return Ok(Expr::Literal(Literal::Bool(false))),
            "null" => return Ok(Expr::Literal(Literal::Null)),
            _ => {}
        }
        if self.peek() == Some(&Token::Open) {
            self.pos += 1;
            let mut args = Vec::new();
            if self.peek() != Some(&Token::Close) {
                loop {
                    args.push(self.or_expr()?);
                    if self.peek() == Some(&Token::Comma) {
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
            }
            self.expect(Token::Close)?;
            let name = word.to_ascii_lowercase();
            let arity = match name.as_str() {
                "startswith" | "endswith" | "contains" => 2,
                "tolower" | "toupper" | "trim" | "length" => 1,
                _ => return Err(format!("unknown function '{word}'")),
            };
            if args.len() != arity {
                return Err(format!("'{word}' takes {arity} argument(s)"));
            }
            return Ok(Expr::Call(name, args));
        }
        let mut path = vec![word];
        while self.peek() == Some(&Token::Slash) {
            self.pos += 1;
            let Some(Token::Ident(segment)) = self.peek().cloned() else {
                return Err(format!("expected a property name at position {}", self.pos));
            };
            self.pos += 1;
            let lower = segment.to_ascii_lowercase();
            if (lower == "any" || lower == "all") && self.peek() == Some(&Token::Open) {
                return self.lambda(path, lower == "all");
            }
            path.push(segment);
        }
        Ok(Expr::Path(path))
    }

    fn lambda(&mut self, path: Vec<String>, all: bool) -> Result<Expr, String> {
        self.expect(Token::Open)?;
        if self.peek() == Some(&Token::Close) && !all {
            self.pos += 1;
            return Ok(Expr::Lambda { path, all, var: String::new(), body: None });
        }
        let Some(Token::Ident(var)) = self.peek().cloned() else {
            return Err(format!("expected a lambda variable at position {}", self.pos));
        };
        self.pos += 1;
        self.expect(Token::Colon)?;
        let body = self.or_expr()?;
        self.expect(Token::Close)?;
        Ok(Expr::Lambda { path, all, var, body: Some(Box::new(body)) })
    }
}

/// Every property path the expression mentions, in order of first appearance (for the
/// messages `InefficientFilter` rule, graph-facts §2.5). Lambda bodies count under their collection.
pub fn property_paths(expr: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    collect_paths(expr, &mut out);
    out
}

fn collect_paths(expr: &Expr, out: &mut Vec<String>) {
    let mut push = |p: String| {
        if !out.iter().any(|o: &String| o.eq_ignore_ascii_case(&p)) {
            out.push(p);
        }
    };
    match expr {
        Expr::Or(a, b) | Expr::And(a, b) | Expr::Compare(_, a, b) => {
            collect_paths(a, out);
            collect_paths(b, out);
        }
        Expr::Not(a) => collect_paths(a, out),
        Expr::Call(_, args) => args.iter().for_each(|a| collect_paths(a, out)),
        Expr::Lambda { path, .. } => push(path.join("/")),
        Expr::Path(p) => push(p.join("/")),
        Expr::Literal(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_escaping() {
        let e = parse_filter("isRead eq false or subject eq 'let''s go' and importance eq 'high'").unwrap();
        let Expr::Or(_, right) = e else { panic!("or at the top: {e:?}") };
        let Expr::And(left, _) = *right else { panic!("and binds tighter") };
        assert_eq!(
            *left,
            Expr::Compare(
                CompareOp::Eq,
                Box::new(Expr::Path(vec!["subject".into()])),
                Box::new(Expr::Literal(Literal::String("let's go".into())))
            )
        );
    }

    #[test]
    fn lambda_and_dates() {
        let e = parse_filter(
            "toRecipients/any(r:r/emailAddress/address eq 'a@b') and receivedDateTime ge 2024-01-01T00:00:00Z",
        )
        .unwrap();
        assert_eq!(property_paths(&e), vec!["toRecipients", "receivedDateTime"]);
        let Expr::And(_, right) = e else { panic!() };
        assert!(
            matches!(*right, Expr::Compare(CompareOp::Ge, _, ref r) if **r == Expr::Literal(Literal::DateTime("2024-01-01T00:00:00Z".into())))
        );
    }

    #[test]
    fn malformed_filters_are_bad_requests() {
        for bad in ["isRead eq", "subject eq 'open", "(isRead eq true", "frobnicate(subject)", "a eq 1 )", "eq eq"] {
            let err = parse_filter(bad).unwrap_err();
            assert_eq!(err.status, 400, "{bad}");
            assert!(err.message.starts_with("Invalid filter clause"), "{bad}: {}", err.message);
        }
    }
}
