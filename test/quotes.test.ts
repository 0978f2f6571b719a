// Golden fixtures for the quotes rule: test/fixtures/quotes/<case>/ (UPDATE=1 rewrites expectations).
import { fixtureTests } from './helpers/fixtures.ts';

fixtureTests('quotes');
