using Flyte.Runtime;

// Runs one Flyte action: see Execution/ActionRunner.cs. Child task calls from a workflow run
// in-process for now; routing them to ActionsService arrives with the controller.
return A0Command.Run(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
