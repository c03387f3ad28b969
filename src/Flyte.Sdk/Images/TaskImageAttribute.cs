namespace Flyte.Images;

/// <summary>
/// Marks the public static property that describes the project's task image: <c>dotnet publish -p:FlytePushImage=true</c>
/// (or <c>flyte image push</c>) builds it with the project's code in /app and pushes it. One per assembly; without one the
/// image is Flyte's .NET base image with the code on top.
/// </summary>
/// <example><code>
/// [TaskImage] public static Image Image => Image.ForDotnet("10.0").WithAptPackages("libgomp1");
/// </code></example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class TaskImageAttribute : Attribute;
