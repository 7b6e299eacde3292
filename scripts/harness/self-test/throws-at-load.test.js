// Harness self-test fixture: a test module that throws while it is loaded.
throw new Error('HARNESS-SELF-TEST module throws at load');
