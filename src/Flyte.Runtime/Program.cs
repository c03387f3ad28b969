using Flyte.Runtime;

// Runs one Flyte action: see Execution/ActionRunner.cs. Child task calls become child actions
// through the control plane (Controller/ActionsController.cs).
return A0Command.Run(args, Environment.GetEnvironmentVariable, StandardStreamWriter.Open(1, () => Console.Out), StandardStreamWriter.Open(2, () => Console.Error));
