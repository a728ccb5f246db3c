// Tests start real plugins, databases and routers; on a busy two-core CI
// machine a start-up hook once took longer than Jest's 5 s default. This
// bounds a hang, it times nothing, so it is set once here rather than raised
// file by file as a test flakes.
jest.setTimeout(120_000);
