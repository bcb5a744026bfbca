/*
 * ADQL 2.1 (IVOA Recommendation), syntax only.
 *
 * Deliberate shape choices:
 * - Function calls are one generic rule: the argument count and types of the
 *   built-in functions are checked by the analyzer, which gives "ABS takes 1
 *   argument" instead of "mismatched input ','". Their names are still keywords,
 *   because ADQL reserves them.
 * - Search conditions (booleanExpression) are kept apart from value expressions,
 *   as in the standard: "SELECT a = b" is a syntax error.
 * - Beyond the 2.1 BNF, and commonly offered by TAP services: CASE, CROSS JOIN,
 *   LIKE ... ESCAPE, scalar subqueries.
 */
grammar Adql;

options { caseInsensitive = true; }

singleStatement
    : query EOF
    ;

standaloneExpression
    : valueExpression EOF
    ;

standaloneCondition
    : booleanExpression EOF
    ;

query
    : with? queryNoWith
    ;

with
    : WITH namedQuery (',' namedQuery)*
    ;

namedQuery
    : name=identifier AS '(' queryNoWith ')'
    ;

queryNoWith
    : queryTerm
      (ORDER BY sortItem (',' sortItem)*)?
      (OFFSET offset=INTEGER_VALUE)?
    ;

queryTerm
    : queryPrimary                                                                    #queryTermDefault
    | left=queryTerm operator=INTERSECT setQuantifier? right=queryTerm                #setOperation
    | left=queryTerm operator=(UNION | EXCEPT) setQuantifier? right=queryTerm         #setOperation
    ;

queryPrimary
    : querySpecification                                                              #queryPrimaryDefault
    | '(' queryNoWith ')'                                                             #parenthesizedQuery
    ;

sortItem
    : valueExpression ordering=(ASC | DESC)?
    ;

querySpecification
    : SELECT setQuantifier? (TOP top=INTEGER_VALUE)?
      selectItem (',' selectItem)*
      FROM relation (',' relation)*
      (WHERE where=booleanExpression)?
      (GROUP BY valueExpression (',' valueExpression)*)?
      (HAVING having=booleanExpression)?
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : valueExpression (AS? identifier)?                                               #selectSingle
    | qualifiedName '.' ASTERISK                                                      #selectAll
    | ASTERISK                                                                        #selectAll
    ;

relation
    : left=relation CROSS JOIN right=aliasedRelation                                  #crossJoin
    | left=relation joinType JOIN right=aliasedRelation joinCriteria                  #qualifiedJoin
    | left=relation NATURAL joinType JOIN right=aliasedRelation                       #naturalJoin
    | aliasedRelation                                                                 #relationDefault
    ;

joinType
    : INNER?
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    ;

joinCriteria
    : ON booleanExpression                                                            #joinOn
    | USING '(' identifier (',' identifier)* ')'                                      #joinUsing
    ;

aliasedRelation
    : qualifiedName (AS? identifier)?                                                 #tableName
    | '(' queryNoWith ')' AS? identifier                                              #derivedTable
    | '(' relation ')'                                                                #parenthesizedRelation
    ;

booleanExpression
    : predicate                                                                       #predicated
    | NOT booleanExpression                                                           #logicalNot
    | left=booleanExpression operator=AND right=booleanExpression                     #logicalBinary
    | left=booleanExpression operator=OR right=booleanExpression                      #logicalBinary
    ;

predicate
    : '(' booleanExpression ')'                                                       #parenthesizedCondition
    | EXISTS subquery                                                                 #exists
    | valueExpression predicateTail                                                   #valuePredicate
    ;

// Split from predicate so the parser reads the left operand once and then picks
// the predicate by its next keyword, instead of predicting over the whole operand.
predicateTail
    : comparisonOperator right=valueExpression                                        #comparison
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression                    #between
    | NOT? IN '(' valueExpression (',' valueExpression)* ')'                          #inList
    | NOT? IN subquery                                                                #inSubquery
    | NOT? operator=(LIKE | ILIKE) pattern=valueExpression (ESCAPE escape=valueExpression)?  #like
    | IS NOT? NULL                                                                    #nullPredicate
    ;

subquery
    : '(' queryNoWith ')'
    ;

valueExpression
    : primaryExpression                                                               #valueExpressionDefault
    | operator=(MINUS | PLUS | TILDE) valueExpression                                 #unary
    | left=valueExpression operator=(ASTERISK | SLASH) right=valueExpression          #arithmeticBinary
    | left=valueExpression operator=(PLUS | MINUS) right=valueExpression              #arithmeticBinary
    | left=valueExpression operator=AMPERSAND right=valueExpression                   #bitwiseBinary
    | left=valueExpression operator=CARET right=valueExpression                       #bitwiseBinary
    | left=valueExpression operator=PIPE right=valueExpression                        #bitwiseBinary
    | left=valueExpression CONCAT right=valueExpression                               #concatenation
    ;

primaryExpression
    : NULL                                                                            #nullLiteral
    | number                                                                          #numericLiteral
    | string                                                                          #stringLiteral
    | COUNT '(' ASTERISK ')'                                                          #countAll
    | name=(AVG | MAX | MIN | SUM | COUNT) '(' setQuantifier? valueExpression ')'     #aggregate
    | CAST '(' valueExpression AS castTarget ')'                                      #cast
    | CASE operand=valueExpression whenClause+ (ELSE elseValue=valueExpression)? END  #simpleCase
    | CASE searchedWhenClause+ (ELSE elseValue=valueExpression)? END                  #searchedCase
    | functionName '(' (valueExpression (',' valueExpression)*)? ')'                  #functionCall
    | qualifiedName                                                                   #columnReference
    | '(' queryNoWith ')'                                                             #scalarSubquery
    | '(' valueExpression ')'                                                         #parenthesizedExpression
    ;

whenClause
    : WHEN condition=valueExpression THEN result=valueExpression
    ;

searchedWhenClause
    : WHEN condition=booleanExpression THEN result=valueExpression
    ;

castTarget
    : name=(SMALLINT | INTEGER | BIGINT | REAL | TIMESTAMP | POINT | CIRCLE | POLYGON)  #simpleType
    | DOUBLE PRECISION                                                                #doubleType
    | name=(CHAR | VARCHAR) ('(' length=INTEGER_VALUE ')')?                            #characterType
    ;

functionName
    : identifier
    // ADQL reserves the names of its built-in functions
    | ABS | ACOS | AREA | ASIN | ATAN | ATAN2 | BOX | CEILING | CENTROID | CIRCLE
    | COALESCE | CONTAINS | COORD1 | COORD2 | COORDSYS | COS | COT | DEGREES | DISTANCE
    | EXP | FLOOR | INTERSECTS | IN_UNIT | LOG | LOG10 | LOWER | MOD | PI | POINT
    | POLYGON | POWER | RADIANS | RAND | REGION | ROUND | SIN | SQRT | TAN | TRUNCATE
    | UPPER
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

qualifiedName
    : identifier ('.' identifier)*
    ;

identifier
    : REGULAR_IDENTIFIER                                                              #regularIdentifier
    | DELIMITED_IDENTIFIER                                                            #delimitedIdentifier
    ;

number
    : INTEGER_VALUE                                                                   #integerLiteral
    | DECIMAL_VALUE                                                                   #decimalLiteral
    | DOUBLE_VALUE                                                                    #doubleLiteral
    | HEX_VALUE                                                                       #hexLiteral
    ;

string
    : STRING
    ;

// SQL keywords used by the grammar
ALL: 'ALL';
AND: 'AND';
AS: 'AS';
ASC: 'ASC';
AVG: 'AVG';
BETWEEN: 'BETWEEN';
BIGINT: 'BIGINT';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
CHAR: 'CHAR';
COALESCE: 'COALESCE';
COUNT: 'COUNT';
CROSS: 'CROSS';
DESC: 'DESC';
DISTINCT: 'DISTINCT';
DOUBLE: 'DOUBLE';
ELSE: 'ELSE';
END: 'END';
ESCAPE: 'ESCAPE';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
FROM: 'FROM';
FULL: 'FULL';
GROUP: 'GROUP';
HAVING: 'HAVING';
ILIKE: 'ILIKE';
IN: 'IN';
INNER: 'INNER';
INTEGER: 'INTEGER';
INTERSECT: 'INTERSECT';
IS: 'IS';
JOIN: 'JOIN';
LEFT: 'LEFT';
LIKE: 'LIKE';
LOWER: 'LOWER';
MAX: 'MAX';
MIN: 'MIN';
NATURAL: 'NATURAL';
NOT: 'NOT';
NULL: 'NULL';
OFFSET: 'OFFSET';
ON: 'ON';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
PRECISION: 'PRECISION';
REAL: 'REAL';
RIGHT: 'RIGHT';
SELECT: 'SELECT';
SMALLINT: 'SMALLINT';
SUM: 'SUM';
THEN: 'THEN';
TIMESTAMP: 'TIMESTAMP';
TOP: 'TOP';
UNION: 'UNION';
UPPER: 'UPPER';
USING: 'USING';
VARCHAR: 'VARCHAR';
WHEN: 'WHEN';
WHERE: 'WHERE';
WITH: 'WITH';

// ADQL function names (reserved by the standard)
ABS: 'ABS';
ACOS: 'ACOS';
AREA: 'AREA';
ASIN: 'ASIN';
ATAN: 'ATAN';
ATAN2: 'ATAN2';
BOX: 'BOX';
CEILING: 'CEILING';
CENTROID: 'CENTROID';
CIRCLE: 'CIRCLE';
CONTAINS: 'CONTAINS';
COORD1: 'COORD1';
COORD2: 'COORD2';
COORDSYS: 'COORDSYS';
COS: 'COS';
COT: 'COT';
DEGREES: 'DEGREES';
DISTANCE: 'DISTANCE';
EXP: 'EXP';
FLOOR: 'FLOOR';
INTERSECTS: 'INTERSECTS';
IN_UNIT: 'IN_UNIT';
LOG: 'LOG';
LOG10: 'LOG10';
MOD: 'MOD';
PI: 'PI';
POINT: 'POINT';
POLYGON: 'POLYGON';
POWER: 'POWER';
RADIANS: 'RADIANS';
RAND: 'RAND';
REGION: 'REGION';
ROUND: 'ROUND';
SIN: 'SIN';
SQRT: 'SQRT';
TAN: 'TAN';
TRUNCATE: 'TRUNCATE';

LEFT_PAREN: '(';
RIGHT_PAREN: ')';
EQ: '=';
NEQ: '<>' | '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';

PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
AMPERSAND: '&';
PIPE: '|';
CARET: '^';
TILDE: '~';
CONCAT: '||';

STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    ;

// ADQL 2.1 hexadecimal integer literal, e.g. 0x1F
HEX_VALUE
    : '0X' [0-9A-F]+
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

DOUBLE_VALUE
    : (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) 'E' [+-]? DIGIT+
    ;

REGULAR_IDENTIFIER
    : LETTER (LETTER | DIGIT | '_')*
    ;

DELIMITED_IDENTIFIER
    : '"' ( ~'"' | '""' )* '"'
    ;

// An opening quote never closed reads to the end of the text; the parser front door
// reports these two by name.
UNTERMINATED_STRING
    : '\'' ( ~'\'' | '\'\'' )*
    ;

UNTERMINATED_IDENTIFIER
    : '"' ( ~'"' | '""' )*
    ;

fragment DIGIT
    : [0-9]
    ;

fragment LETTER
    : [A-Z]
    ;

// Skipped rather than kept on a hidden channel: nothing reads them, and every hidden
// token costs the parser a step over it at each lookahead (about a tenth of the parse).
SIMPLE_COMMENT
    : '--' ~[\r\n]* -> skip
    ;

WS
    : [ \r\n\t\f]+ -> skip
    ;

// Anything else becomes a token too, so a stray character is reported by the
// parser with the usual "mismatched input" message and position.
UNRECOGNIZED
    : .
    ;
