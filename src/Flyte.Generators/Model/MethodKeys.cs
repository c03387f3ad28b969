namespace Flyte.Generators.Model;

/// <summary>How the generator names a task method's generated parts, unique in the compilation by construction.</summary>
internal static class MethodKeys
{
    /// <summary>The class, nested in the user's class, that holds the definitions of its tasks.</summary>
    public const string DefinitionsClassName = "FlyteTaskDefinitions";

    /// <summary>One method among all: its type's metadata name, its name and its parameter types.</summary>
    public static string Of(string containerMetadataName, string methodName, string signature) =>
        Overloads(containerMetadataName, methodName) + signature;

    /// <summary>What a method's overloads share: its type's metadata name and its name.</summary>
    public static string Overloads(string containerMetadataName, string methodName) => containerMetadataName + "." + methodName;

    /// <summary>
    /// The generated definition class of a task: in <see cref="DefinitionsClassName"/> of the user's class, named after
    /// the method. Unique by construction (C# member names are unique in a class; overloads are FLY005 and only the first
    /// is generated); the suffix keeps the class's name apart from its own members (a task named <c>Instance</c> must not
    /// make a class <c>Instance</c> with a member <c>Instance</c>).
    /// </summary>
    public static string DefinitionClassName(string methodName) => methodName + "Task";

    public static string DefinitionTypeName(string containingTypeFullName, string methodName) =>
        $"{containingTypeFullName}.{DefinitionsClassName}.{DefinitionClassName(methodName)}";

    /// <summary>The class in <c>Flyte.Generated</c> that holds the definitions of every trace of the compilation.</summary>
    public const string TraceDefinitionsClassName = "FlyteTraceDefinitions";

    /// <summary>
    /// The generated definition class of a trace: the method's name and a hash of its method key, so overloads and
    /// methods of the same name in different classes never share one (traces need no partial class to live in).
    /// </summary>
    public static string TraceDefinitionClassName(string methodKey, string methodName) => $"{methodName}Trace_{Fnv1a(methodKey):x8}";

    public static string TraceDefinitionTypeName(string methodKey, string methodName) =>
        $"global::Flyte.Generated.{TraceDefinitionsClassName}.{TraceDefinitionClassName(methodKey, methodName)}";

    /// <summary>The class in <c>Flyte.Generated</c> that holds the definitions of every [RemoteTask] declaration of the compilation.</summary>
    public const string RemoteTaskDefinitionsClassName = "FlyteRemoteTaskDefinitions";

    /// <summary>The generated definition class of a [RemoteTask] declaration, named as a trace's is, for the same reason.</summary>
    public static string RemoteTaskDefinitionClassName(string methodKey, string methodName) => $"{methodName}Remote_{Fnv1a(methodKey):x8}";

    public static string RemoteTaskDefinitionTypeName(string methodKey, string methodName) =>
        $"global::Flyte.Generated.{RemoteTaskDefinitionsClassName}.{RemoteTaskDefinitionClassName(methodKey, methodName)}";

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }
        return hash;
    }
}
