// Golden fixtures for the primes rule: test/fixtures/primes/<case>/ (UPDATE=1 rewrites expectations).
import { fixtureTests } from '../helpers/fixtures.ts';

fixtureTests('primes');
