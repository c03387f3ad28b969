namespace Flyte.Generators.Model;

/// <summary>
/// Where a task is declared and what it is called: what the duplicate-name and overload checks need. It carries the
/// source location, so it drives diagnostics only, never generated source.
/// </summary>
/// <param name="MethodDisplay">The method as a person reads it, with its parameter types: <c>Geometry.Area(double)</c>.</param>
/// <param name="MethodKey">The method, overloads told apart (<see cref="TaskModel.MethodKey"/>).</param>
/// <param name="OverloadKey">The type and the method's name: overloads share it.</param>
internal sealed record TaskDeclarationInfo(string TaskName, string MethodKey, string OverloadKey, string MethodDisplay, LocationInfo? Location);
