namespace Flyte.Cli.Tests.Tasks;

public enum Color { Red, Green, Blue }

public sealed record Point(int X, double Y, string? Label);
