# Common commands; each wraps an npm script so both entry points stay equivalent.
.PHONY: setup build test test-unit test-integration lint format check start demo up down logs bench chaos clean

setup:            ## install dependencies from the lockfile
	npm ci

build:            ## compile TypeScript to dist/
	npm run build

test:             ## unit + integration tests (needs RabbitMQ at AMQP_URL)
	npm test

test-unit:        ## unit tests only (no broker)
	npm run test:unit

test-integration: ## integration tests (RabbitMQ + the cloud simulator)
	npm run test:integration

lint:
	npm run lint

format:
	npm run format

check: lint       ## lint + format check + typecheck + tests
	npm run format:check
	npm run typecheck
	npm test

start:            ## run the all-in-one stack and stay up
	npm start

demo:             ## converge a demo group to 3 servers and back to 1, then exit
	npm run demo

up:               ## run the multi-service stack with docker compose
	docker compose up -d --build

down:
	docker compose down

logs:
	docker compose logs -f

bench:            ## run every benchmark (npm run bench -- <case> runs one)
	npm run bench

chaos:            ## the reliability and security suite
	npm run chaos

clean:
	rm -rf dist bench-results
