// ADQL 2.1 as the editor knows it: its reserved words and functions, for highlighting and
// completion. (The service's translator is the judge of what a query means.)
import { SQLDialect } from '@codemirror/lang-sql';

export const KEYWORDS = ('select top distinct all from where and or not as join inner outer left right full '
  + 'natural cross on using group by having order asc desc union intersect except offset is null '
  + 'between like ilike in exists case when then else end with cast').split(' ');

export const FUNCTIONS = ('abs ceiling degrees exp floor log log10 mod pi power radians rand round sqrt '
  + 'truncate acos asin atan atan2 cos cot sin tan avg count max min sum lower upper coalesce '
  + 'area box centroid circle contains coord1 coord2 coordsys distance intersects point polygon region '
  + 'in_unit ivo_hasword').split(' ');

export const TYPES = 'char varchar binary varbinary blob clob smallint integer bigint real double precision timestamp point circle polygon'.split(' ');

export const adqlDialect = SQLDialect.define({
  keywords: KEYWORDS.join(' '),
  builtin: FUNCTIONS.join(' '),
  types: TYPES.join(' '),
  operatorChars: '*+-/<>=|!',
  specialVar: '',
  doubleQuotedStrings: false,
});
