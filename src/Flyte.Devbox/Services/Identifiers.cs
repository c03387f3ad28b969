using System.Text;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// The one check of every identifier the devbox's API accepts, applied to the whole string (no trailing newline slips
/// through an anchor) before it reaches the database or a folder name. The limits leave room for everything the devbox
/// derives from a value: a segment of an object path becomes a file name of at most 255 bytes once the writer's
/// temporary prefix and suffix are added (docs/devbox-input.md).
/// </summary>
public static class Identifiers
{
    /// <summary>Projects, domains, orgs, run and action names: they become folder names and stay readable.</summary>
    public const int NameLength = 63;

    /// <summary>Task names and versions: database keys only, with the characters flyte-sdk's names and versions use.</summary>
    public const int TaskNameLength = 255;

    public const int VersionLength = 128;

    /// <summary>One '/'-separated segment of an upload's file name or root, in UTF-8 bytes (255 less the writer's 28-byte temporary affixes, rounded down).</summary>
    public const int PathSegmentBytes = 200;

    /// <summary>A whole upload file name or root, in UTF-8 bytes.</summary>
    public const int PathBytes = 1024;

    /// <summary>A lowercase name: letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public static string Name(string? value, string field)
    {
        Require(value, field);
        if (value!.Length > NameLength || !IsLowerAlphanumeric(value[0]) || !All(value, c => IsLowerAlphanumeric(c) || c is '-' or '_' or '.'))
        {
            throw Invalid(field, value, $"use lowercase letters, digits, '-', '_' and '.', starting with a letter or digit, at most {NameLength} characters");
        }
        return value;
    }

    /// <summary>An org may be left empty (the devbox's default); when given it is a <see cref="Name"/>.</summary>
    public static string Org(string? value, string field) => string.IsNullOrEmpty(value) ? "" : Name(value, field);

    /// <summary>
    /// A task name such as <c>quickstart.Square</c>: letters (any script, as C# and Python identifiers allow), digits,
    /// '-', '_' and '.', starting with a letter, digit or '_'.
    /// </summary>
    public static string TaskName(string? value, string field)
    {
        Require(value, field);
        if (value!.Length > TaskNameLength || !(char.IsLetterOrDigit(value[0]) || value[0] == '_')
            || !All(value, c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw Invalid(field, value, $"use letters, digits, '-', '_' and '.', starting with a letter, digit or '_', at most {TaskNameLength} characters");
        }
        return value;
    }

    /// <summary>A version such as a bundle's MD5 or <c>v1.2.0+build.7</c>: letters, digits and <c>-_.+=:</c>.</summary>
    public static string Version(string? value, string field)
    {
        Require(value, field);
        if (value!.Length > VersionLength || !All(value, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+' or '=' or ':'))
        {
            throw Invalid(field, value, $"use letters, digits and '-', '_', '.', '+', '=', ':', at most {VersionLength} characters");
        }
        return value;
    }

    /// <summary>A trigger's name (flyteidl2's TriggerName.name: 1 to 255 characters): letters, digits, '-', '_' and '.'.</summary>
    public static string TriggerName(string? value, string field)
    {
        Require(value, field);
        if (value!.Length > TaskNameLength || !All(value, c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw Invalid(field, value, $"use letters, digits, '-', '_' and '.', at most {TaskNameLength} characters");
        }
        return value;
    }

    /// <summary>A secret's name, as flyteidl2's <c>SecretIdentifier.name</c> allows: letters, digits, '-' and '_'.</summary>
    public static string SecretName(string? value, string field)
    {
        Require(value, field);
        if (value!.Length > NameLength || !All(value, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Invalid(field, value, $"use letters, digits, '-' and '_', at most {NameLength} characters");
        }
        return value;
    }

    /// <summary>
    /// A relative file path from a client (an upload's file name or root): '/'-separated segments, none empty, '.' or
    /// '..', no backslashes or control characters, each segment at most <see cref="PathSegmentBytes"/> bytes.
    /// </summary>
    public static string RelativePath(string? value, string field)
    {
        Require(value, field);
        if (Encoding.UTF8.GetByteCount(value!) > PathBytes)
        {
            throw Invalid(field, value, $"a path of at most {PathBytes} bytes");
        }
        if (value!.Contains('\\') || value.StartsWith('/') || !All(value, c => !char.IsControl(c)))
        {
            throw Invalid(field, value, "a relative path with '/' between folders: no leading '/', backslashes or control characters");
        }
        foreach (var segment in value.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                throw Invalid(field, value, "no empty, '.' or '..' path segments");
            }
            if (Encoding.UTF8.GetByteCount(segment) > PathSegmentBytes)
            {
                throw Invalid(field, value, $"path segments of at most {PathSegmentBytes} bytes");
            }
        }
        return value;
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required"));
        }
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool All(string value, Func<char, bool> allowed)
    {
        foreach (char c in value)
        {
            if (!allowed(c))
            {
                return false;
            }
        }
        return true;
    }

    private static RpcException Invalid(string field, string? value, string rule) =>
        new(new Status(StatusCode.InvalidArgument, $"{field} {Shown.Value(value)} is not valid: {rule}"));
}
