// The minus-signs and wingdings-smileys rules: golden fixtures (test/fixtures/minus-signs/, test/fixtures/wingdings-smileys/; UPDATE=1 rewrites them).
import { fixtureTests } from '../helpers/fixtures.ts';

fixtureTests('minus-signs');
fixtureTests('wingdings-smileys');
