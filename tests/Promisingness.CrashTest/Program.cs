using Promisingness.CrashTest;

// One executable, two roles: the driver kills and checks; the worker is the wiki being killed.
return args.Length > 0 && args[0] == Worker.Verb
    ? await Worker.RunAsync(args[1..])
    : await Driver.RunAsync(args);
