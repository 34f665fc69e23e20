//! `$filter` expressions: comparisons, functions, `any`/`all` lambdas and boolean logic over typed
//! literals, rendered with OData escaping (graph-facts §2.5) so user text never leaves its literal.
use std::fmt;
use std::ops::{BitAnd, BitOr, Not};

use super::attribute::graph_attribute;
use super::literal::Literal;

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Comparison {
    fn keyword(self) -> &'static str {
        match self {
            Comparison::Eq => "eq",
            Comparison::Ne => "ne",
            Comparison::Gt => "gt",
            Comparison::Ge => "ge",
            Comparison::Lt => "lt",
            Comparison::Le => "le",
        }
    }
}

/// String functions usable in `$filter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFunction {
    StartsWith,
    EndsWith,
    Contains,
}

impl StringFunction {
    fn name(self) -> &'static str {
        match self {
            StringFunction::StartsWith => "startswith",
            StringFunction::EndsWith => "endswith",
            StringFunction::Contains => "contains",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LambdaKind {
    Any,
    All,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// `attribute` is empty when it names the lambda variable itself (`c eq 'Red'`).
    Compare {
        attribute: String,
        op: Comparison,
        value: Literal,
    },
    Function {
        function: StringFunction,
        attribute: String,
        value: Literal,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Lambda {
        kind: LambdaKind,
        collection: String,
        variable: String,
        body: Box<Node>,
    },
}

/// A `$filter` expression. Attribute names may be given in snake_case (`received_date_time`) and
/// are sent camelCase; inside `any`/`all` they are relative to the collection item, and
/// [`Filter::ITEM`] names the item itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter(Node);

impl Filter {
    /// The lambda item itself, for collections of primitives: `categories/any(c: c eq 'Red')`.
    pub const ITEM: &'static str = "";

    pub fn compare(attribute: &str, op: Comparison, value: impl Into<Literal>) -> Self {
        Filter(Node::Compare { attribute: graph_attribute(attribute), op, value: value.into() })
    }
    pub fn eq(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::compare(attribute, Comparison::Eq, value)
    }
    pub fn ne(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::compare(attribute, Comparison::Ne, value)
    }
    pub fn gt(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::compare(attribute, Comparison::Gt, value)
    }
    pub fn ge(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::compare(attribute, Comparison::Ge, value)
    }
    pub fn lt(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::compare(attribute, Comparison::Lt, value)
    }
    pub fn le(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::compare(attribute, Comparison::Le, value)
    }

    pub fn function(function: StringFunction, attribute: &str, value: impl Into<Literal>) -> Self {
        Filter(Node::Function { function, attribute: graph_attribute(attribute), value: value.into() })
    }
    pub fn starts_with(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::function(StringFunction::StartsWith, attribute, value)
    }
    pub fn ends_with(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::function(StringFunction::EndsWith, attribute, value)
    }
    pub fn contains(attribute: &str, value: impl Into<Literal>) -> Self {
        Self::function(StringFunction::Contains, attribute, value)
    }

    /// `collection/any(variable: body)`; `body`'s attributes are relative to the item.
    /// The variable is reduced to ASCII letters, digits and `_` (default `x`).
    pub fn any(collection: &str, variable: &str, body: Filter) -> Self {
        Self::lambda(LambdaKind::Any, collection, variable, body)
    }
    /// `collection/all(variable: body)`.
    pub fn all(collection: &str, variable: &str, body: Filter) -> Self {
        Self::lambda(LambdaKind::All, collection, variable, body)
    }

    fn lambda(kind: LambdaKind, collection: &str, variable: &str, body: Filter) -> Self {
        let mut variable: String = variable.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !variable.starts_with(|c: char| c.is_ascii_alphabetic()) {
            variable = format!("x{variable}");
        }
        Filter(Node::Lambda { kind, collection: graph_attribute(collection), variable, body: Box::new(body.0) })
    }

    /// `self and other`; chains flatten.
    pub fn and(self, other: Filter) -> Self {
        match (self.0, other.0) {
            (Node::And(mut left), Node::And(right)) => {
                left.extend(right);
                Filter(Node::And(left))
            }
            (Node::And(mut left), right) => {
                left.push(right);
                Filter(Node::And(left))
            }
            (left, Node::And(mut right)) => {
                right.insert(0, left);
                Filter(Node::And(right))
            }
            (left, right) => Filter(Node::And(vec![left, right])),
        }
    }

    /// `self or other`; chains flatten.
    pub fn or(self, other: Filter) -> Self {
        match (self.0, other.0) {
            (Node::Or(mut left), Node::Or(right)) => {
                left.extend(right);
                Filter(Node::Or(left))
            }
            (Node::Or(mut left), right) => {
                left.push(right);
                Filter(Node::Or(left))
            }
            (left, Node::Or(mut right)) => {
                right.insert(0, left);
                Filter(Node::Or(right))
            }
            (left, right) => Filter(Node::Or(vec![left, right])),
        }
    }

    /// `not self`.
    pub fn negate(self) -> Self {
        Filter(Node::Not(Box::new(self.0)))
    }

    /// All of `filters` joined with `and`; `None` when there are none.
    pub fn all_of(filters: impl IntoIterator<Item = Filter>) -> Option<Self> {
        filters.into_iter().reduce(Filter::and)
    }

    /// Any of `filters` joined with `or`; `None` when there are none.
    pub fn any_of(filters: impl IntoIterator<Item = Filter>) -> Option<Self> {
        filters.into_iter().reduce(Filter::or)
    }

    /// The attribute paths this filter tests, in order of first appearance (lambda bodies
    /// are listed under their collection), for the InefficientFilter check.
    pub fn attributes(&self) -> Vec<String> {
        let mut found = Vec::new();
        collect_attributes(&self.0, &mut found);
        found
    }

    /// Whether the expression uses a comparison or function that directory objects only
    /// support as an "advanced query" (`ne`, `not`, `endswith`).
    pub(crate) fn uses_advanced_directory_operators(&self) -> bool {
        fn walk(node: &Node) -> bool {
            match node {
                Node::Compare { op, .. } => *op == Comparison::Ne,
                Node::Function { function, .. } => *function == StringFunction::EndsWith,
                Node::Not(_) => true,
                Node::And(children) | Node::Or(children) => children.iter().any(walk),
                Node::Lambda { body, .. } => walk(body),
            }
        }
        walk(&self.0)
    }
}

fn collect_attributes(node: &Node, found: &mut Vec<String>) {
    let mut push = |name: &String| {
        if !name.is_empty() && !found.contains(name) {
            found.push(name.clone());
        }
    };
    match node {
        Node::Compare { attribute, .. } | Node::Function { attribute, .. } => push(attribute),
        Node::Lambda { collection, .. } => push(collection),
        Node::Not(inner) => collect_attributes(inner, found),
        Node::And(children) | Node::Or(children) => children.iter().for_each(|child| collect_attributes(child, found)),
    }
}

fn qualified(variable: Option<&str>, attribute: &str) -> String {
    match (variable, attribute.is_empty()) {
        (Some(variable), true) => variable.to_owned(),
        (Some(variable), false) => format!("{variable}/{attribute}"),
        (None, _) => attribute.to_owned(),
    }
}

/// Writes `node`; `variable` is the innermost lambda variable, prefixed to attribute paths.
fn render(node: &Node, variable: Option<&str>, out: &mut String) {
    match node {
        Node::Compare { attribute, op, value } => {
            out.push_str(&format!("{} {} {value}", qualified(variable, attribute), op.keyword()));
        }
        Node::Function { function, attribute, value } => {
            out.push_str(&format!("{}({}, {value})", function.name(), qualified(variable, attribute)));
        }
        Node::And(children) => render_chain(children, " and ", variable, out),
        Node::Or(children) => render_chain(children, " or ", variable, out),
        Node::Not(inner) => {
            out.push_str("not ");
            render_operand(inner, variable, out, |node| matches!(node, Node::Function { .. } | Node::Lambda { .. }));
        }
        Node::Lambda { kind, collection, variable: own, body } => {
            let name = if *kind == LambdaKind::Any { "any" } else { "all" };
            out.push_str(&format!("{}/{name}({own}: ", qualified(variable, collection)));
            render(body, Some(own), out);
            out.push(')');
        }
    }
}

/// `and` binds tighter than `or`; nested chains are parenthesised anyway so that the text reads
/// the way it was built: `(a and b) or c`, `a and (b or c)`.
fn render_chain(children: &[Node], joiner: &str, variable: Option<&str>, out: &mut String) {
    for (index, child) in children.iter().enumerate() {
        if index > 0 {
            out.push_str(joiner);
        }
        render_operand(child, variable, out, |node| !matches!(node, Node::And(_) | Node::Or(_)));
    }
}

fn render_operand(node: &Node, variable: Option<&str>, out: &mut String, bare: impl Fn(&Node) -> bool) {
    if bare(node) {
        render(node, variable, out);
    } else {
        out.push('(');
        render(node, variable, out);
        out.push(')');
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        render(&self.0, None, &mut out);
        f.write_str(&out)
    }
}

impl BitAnd for Filter {
    type Output = Filter;
    fn bitand(self, other: Filter) -> Filter {
        self.and(other)
    }
}

impl BitOr for Filter {
    type Output = Filter;
    fn bitor(self, other: Filter) -> Filter {
        self.or(other)
    }
}

impl Not for Filter {
    type Output = Filter;
    fn not(self) -> Filter {
        self.negate()
    }
}
