// The rpcwall policy language (DESIGN.md section 3). Statements are newline-insensitive: every list
// is comma-separated and every statement starts with a keyword, so a statement may span lines and
// several statements may share one. Meaning (names, ranges, addresses) is checked in the compiler,
// never here, so that every problem gets a diagnostic with a code.
grammar PolicyGrammar;

options { caseInsensitive = true; }

// Parser rules
// ============

policyFile
    : statement* EOF
    ;

// Entry rules for the YAML form, whose scalars hold fragments of the same syntax.
standaloneNetworkExpr
    : networkExpr EOF
    ;

standaloneServiceList
    : serviceList EOF
    ;

standalonePortRangeList
    : portRangeList EOF
    ;

standaloneIdentifierList
    : identifierList EOF
    ;

statement
    : POLICY name=STRING                                                     # policyStatement
    | DESCRIPTION text=STRING                                                # descriptionStatement
    | REPLACES names+=STRING (',' names+=STRING)*                            # replacesStatement
    | IMPORT path=STRING                                                     # importStatement
    | NETWORK name=identifier '=' value=networkExpr                          # networkStatement
    | SERVICE name=identifier '=' items=serviceList                          # serviceStatement
    | RPC open='{' rpcSetting* close='}'                                     # rpcStatement
    | action=(ALLOW | BLOCK) from=networkExpr TO to=serviceList
        (ON profiles=identifierList)?                                        # ruleStatement
    | DEFAULT action=(ALLOW | BLOCK)                                         # defaultStatement
    ;

rpcSetting
    : DYNAMIC PORTS ranges=portRangeList                                     # dynamicPortsSetting
    | WMI FIXED PORT port=portRange                                          # wmiFixedPortSetting
    ;

// `except` binds the whole list on each side: a, b except c, d = (a | b) - (c | d).
networkExpr
    : include=networkList (EXCEPT exclude=networkList)?
    ;

networkList
    : networkItem (',' networkItem)*
    ;

networkItem
    : first=ADDRESS ('-' last=ADDRESS)?                                      # addressItem
    | identifier                                                             # networkRefItem
    ;

serviceList
    : serviceItem (',' serviceItem)*
    ;

// A bare number after a comma keeps the protocol: `tcp 135, 445, udp 53`.
serviceItem
    : protocol=(TCP | UDP) portRange (',' portRange)*                        # portItem
    | identifier                                                             # serviceRefItem
    ;

portRangeList
    : portRange (',' portRange)*
    ;

portRange
    : first=NUMBER ('-' last=NUMBER)?
    ;

identifierList
    : identifier (',' identifier)*
    ;

// Keywords that only mean something inside the rpc block stay usable as names (`wmi` is also the
// built-in service); so does `replaces`, which only starts a statement and came after names such
// as `network replaces = ...` were already valid.
identifier
    : NAME
    | REPLACES
    | DYNAMIC
    | PORTS
    | WMI
    | FIXED
    | PORT
    ;

// Lexer rules
// ===========

POLICY      : 'policy';
DESCRIPTION : 'description';
REPLACES    : 'replaces';
IMPORT      : 'import';
NETWORK     : 'network';
SERVICE     : 'service';
RPC         : 'rpc';
DYNAMIC     : 'dynamic';
PORTS       : 'ports';
WMI         : 'wmi';
FIXED       : 'fixed';
PORT        : 'port';
ALLOW       : 'allow';
BLOCK       : 'block';
TO          : 'to';
ON          : 'on';
EXCEPT      : 'except';
DEFAULT     : 'default';
TCP         : 'tcp';
UDP         : 'udp';

LBRACE      : '{';
RBRACE      : '}';
COMMA       : ',';
EQUALS      : '=';
DASH        : '-';

// Addresses are lexed leniently (any dotted digits, anything with a colon) so that a bad address
// such as 10.1.1.256 or 2001:db8:::1 reaches the checker and gets a precise diagnostic. An IPv6
// address must contain a colon, which no name can, so `fe80::1` is an address while `fe80` and
// `dead-beef` are names (longest match). A range `a-b` is two ADDRESS tokens around DASH.
ADDRESS     : (IPV4 | IPV6) ('/' [0-9.]+)?;

// Must follow ADDRESS: `10` is a NUMBER, `10.1` an (invalid) ADDRESS.
NUMBER      : [0-9]+;

// Keywords come first, so `rpc` is RPC; `rpc-dynamic` is longer and so a NAME.
NAME        : [a-z] [a-z0-9_-]*;

STRING      : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';

// A string that reaches the end of its line; reported as its own diagnostic.
UNTERMINATED_STRING
            : '"' (~["\\\r\n] | '\\' ~[\r\n])*;

COMMENT     : '#' ~[\r\n]* -> channel(HIDDEN);

WS          : [ \t\r\n\f]+ -> skip;

// Any character no other token can start with; the parser reports it, so the lexer never fails.
ERROR_CHAR  : .;

fragment IPV4
            : [0-9]+ ('.' [0-9]+)+;

fragment IPV6
            : [0-9a-f]* ':' [0-9a-f:.]*;
