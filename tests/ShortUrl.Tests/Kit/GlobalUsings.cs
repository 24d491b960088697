// The kit every test class stands on: the factory, request helpers and the published process.
global using ShortUrl.Tests.Kit;
global using ShortUrl.Tests.Processes;
