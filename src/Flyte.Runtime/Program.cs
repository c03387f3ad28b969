using Flyte.Runtime;

// Current stage: a0 parses its command line and reports what it would run.
// Executing the task arrives with the runtime issue.
return A0Command.Run(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
