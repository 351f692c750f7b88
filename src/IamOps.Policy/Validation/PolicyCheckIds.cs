namespace IamOps.Policy;

/// <summary>The stable check identifiers a <see cref="PolicyFinding"/> can carry.</summary>
public static class PolicyCheckIds
{
    /// <summary>Error: the text is not valid JSON (line and column of the first error).</summary>
    public const string JsonSyntaxError = "JSON_SYNTAX_ERROR";

    /// <summary>Error: the bytes are not valid UTF-8.</summary>
    public const string InvalidEncoding = "INVALID_ENCODING";

    /// <summary>Error: an element name IAM does not know.</summary>
    public const string UnknownElement = "UNKNOWN_ELEMENT";

    /// <summary>Error: an element not allowed in this policy type (e.g. Principal in an identity policy).</summary>
    public const string MisplacedElement = "MISPLACED_ELEMENT";

    /// <summary>Error: the same element twice in one object (names compared ignoring case).</summary>
    public const string DuplicateElement = "DUPLICATE_ELEMENT";

    /// <summary>Warning: an element name written in the wrong case.</summary>
    public const string ElementNameCase = "ELEMENT_NAME_CASE";

    /// <summary>Error: an element of the wrong JSON type (e.g. Action as a number).</summary>
    public const string InvalidElementType = "INVALID_ELEMENT_TYPE";

    /// <summary>Error: no Statement, or a null one.</summary>
    public const string MissingStatement = "MISSING_STATEMENT";

    /// <summary>Warning: no Version, so policy variables are literal text.</summary>
    public const string MissingVersion = "MISSING_VERSION";

    /// <summary>Error: a Version other than 2012-10-17 or 2008-10-17.</summary>
    public const string InvalidVersion = "INVALID_VERSION";

    /// <summary>Warning: Version 2008-10-17, which disables policy variables.</summary>
    public const string OldVersion = "OLD_VERSION";

    /// <summary>Error: a ${...} variable where the Version makes it literal text.</summary>
    public const string VariableUnsupportedInVersion = "VARIABLE_UNSUPPORTED_IN_VERSION";

    /// <summary>Error: a ${...} variable in an element or operator that does not expand it.</summary>
    public const string VariableUnsupportedInElement = "VARIABLE_UNSUPPORTED_IN_ELEMENT";

    /// <summary>Error: a ${ without a closing brace, or an empty variable.</summary>
    public const string MalformedVariable = "MALFORMED_VARIABLE";

    /// <summary>Error: a statement without Effect.</summary>
    public const string MissingEffect = "MISSING_EFFECT";

    /// <summary>Error: Effect other than "Allow" or "Deny".</summary>
    public const string InvalidEffect = "INVALID_EFFECT";

    /// <summary>Error: neither Action nor NotAction.</summary>
    public const string MissingAction = "MISSING_ACTION";

    /// <summary>Error: neither Resource nor NotResource where one is required.</summary>
    public const string MissingResource = "MISSING_RESOURCE";

    /// <summary>Error: neither Principal nor NotPrincipal in a resource or trust policy.</summary>
    public const string MissingPrincipal = "MISSING_PRINCIPAL";

    /// <summary>Error: both halves of a pair (Action+NotAction, Resource+NotResource, Principal+NotPrincipal).</summary>
    public const string UnsupportedElementCombination = "UNSUPPORTED_ELEMENT_COMBINATION";

    /// <summary>Error: an action not of the form service:Name.</summary>
    public const string InvalidAction = "INVALID_ACTION";

    /// <summary>Error: a service prefix the catalog does not know.</summary>
    public const string UnknownService = "UNKNOWN_SERVICE";

    /// <summary>Error: an action (or action pattern) matching no action of its service.</summary>
    public const string UnknownAction = "UNKNOWN_ACTION";

    /// <summary>Suggestion: a wildcard in the service prefix.</summary>
    public const string WildcardInServiceName = "WILDCARD_IN_SERVICE_NAME";

    /// <summary>Error: a resource that is not "*" and not a well-formed ARN.</summary>
    public const string InvalidArn = "INVALID_ARN";

    /// <summary>Error: a resource ARN of a type none of the statement's actions accept.</summary>
    public const string ResourceMismatch = "RESOURCE_MISMATCH";

    /// <summary>Error: a principal of an unknown type or malformed value.</summary>
    public const string InvalidPrincipal = "INVALID_PRINCIPAL";

    /// <summary>Error: a condition operator IAM does not know.</summary>
    public const string UnknownConditionOperator = "UNKNOWN_CONDITION_OPERATOR";

    /// <summary>Error: Null combined with IfExists.</summary>
    public const string NullWithIfExists = "NULL_WITH_IF_EXISTS";

    /// <summary>Error: a global (aws:) or service condition key the catalog does not know.</summary>
    public const string UnknownConditionKey = "UNKNOWN_CONDITION_KEY";

    /// <summary>Warning: a known service condition key that none of the statement's actions support.</summary>
    public const string ConditionKeyNotSupportedByAction = "CONDITION_KEY_NOT_SUPPORTED_BY_ACTION";

    /// <summary>Error: a condition value that cannot be read as the operator's type (IP, date, number, bool, base64, ARN).</summary>
    public const string DataTypeMismatch = "DATA_TYPE_MISMATCH";

    /// <summary>Warning: an operator whose type does not match the condition key's type.</summary>
    public const string OperatorKeyTypeMismatch = "OPERATOR_KEY_TYPE_MISMATCH";

    /// <summary>Warning: a * or ? in a value of an Equals operator, where it is literal.</summary>
    public const string WildcardWithoutLikeOperator = "WILDCARD_WITHOUT_LIKE_OPERATOR";

    /// <summary>SecurityWarning: ForAllValues on a single-valued key, which is true when the key is missing.</summary>
    public const string ForAllValuesWithSingleValuedKey = "FORALLVALUES_WITH_SINGLE_VALUED_KEY";

    /// <summary>Error: a Sid with characters other than A-Z, a-z, 0-9.</summary>
    public const string InvalidSid = "INVALID_SID";

    /// <summary>Error: two statements with the same Sid.</summary>
    public const string DuplicateSid = "DUPLICATE_SID";

    /// <summary>Suggestion: an empty Sid.</summary>
    public const string EmptySid = "EMPTY_SID";

    /// <summary>Suggestion: an empty array or object.</summary>
    public const string EmptyValue = "EMPTY_VALUE";

    /// <summary>Suggestion: an action already covered by another action of the statement.</summary>
    public const string RedundantAction = "REDUNDANT_ACTION";

    /// <summary>Suggestion: a resource already covered by another resource of the statement.</summary>
    public const string RedundantResource = "REDUNDANT_RESOURCE";

    /// <summary>Suggestion: a statement whose grant is contained in another statement's.</summary>
    public const string RedundantStatement = "REDUNDANT_STATEMENT";

    /// <summary>SecurityWarning: Allow of every action on every resource.</summary>
    public const string AllowAllActionsOnAllResources = "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES";

    /// <summary>SecurityWarning: iam:PassRole allowed on Resource "*".</summary>
    public const string PassRoleWithStarInResource = "PASS_ROLE_WITH_STAR_IN_RESOURCE";

    /// <summary>SecurityWarning: iam:PassRole allowed through NotResource.</summary>
    public const string PassRoleWithNotResource = "PASS_ROLE_WITH_NOT_RESOURCE";

    /// <summary>SecurityWarning: Allow with NotAction grants every other action, including future ones.</summary>
    public const string AllowWithNotAction = "ALLOW_WITH_NOT_ACTION";

    /// <summary>SecurityWarning: Allow with NotResource grants on every other resource.</summary>
    public const string AllowWithNotResource = "ALLOW_WITH_NOT_RESOURCE";

    /// <summary>SecurityWarning: Allow with NotPrincipal grants to everyone else, including anonymous users.</summary>
    public const string AllowWithNotPrincipal = "ALLOW_WITH_NOT_PRINCIPAL";

    /// <summary>SecurityWarning: a resource or trust policy that allows Principal "*" without a condition.</summary>
    public const string PublicPrincipalWithoutCondition = "PUBLIC_PRINCIPAL_WITHOUT_CONDITION";

    /// <summary>SecurityWarning: the allowed actions include a known privilege-escalation set.</summary>
    public const string PrivilegeEscalation = "PRIVILEGE_ESCALATION";

    /// <summary>SecurityWarning: permissions-management actions allowed on Resource "*".</summary>
    public const string PermissionsManagementOnAllResources = "PERMISSIONS_MANAGEMENT_ON_ALL_RESOURCES";

    /// <summary>SecurityWarning: a trust federating a well-known CI provider (GitHub, GitLab, Azure DevOps) without a sub condition.</summary>
    public const string FederatedCiWithoutSubject = "FEDERATED_CI_WITHOUT_SUBJECT";

    /// <summary>SecurityWarning: a trust federating a well-known CI provider whose sub condition matches every repository or project.</summary>
    public const string FederatedCiSubjectTooBroad = "FEDERATED_CI_SUBJECT_TOO_BROAD";

    /// <summary>Warning: a trust federating a well-known CI provider without an aud condition.</summary>
    public const string FederatedCiWithoutAudience = "FEDERATED_CI_WITHOUT_AUDIENCE";

    /// <summary>Warning: write actions allowed on Resource "*".</summary>
    public const string WriteOnAllResources = "WRITE_ON_ALL_RESOURCES";

    /// <summary>Error: the document is larger than IAM accepts for its kind.</summary>
    public const string PolicySizeExceeded = "POLICY_SIZE_EXCEEDED";

    /// <summary>Error: a trust policy action outside STS (trust policies only govern sts:AssumeRole and its kin).</summary>
    public const string UnsupportedActionInTrustPolicy = "UNSUPPORTED_ACTION_IN_TRUST_POLICY";

    private static readonly HashSet<string> Grammar = new(StringComparer.Ordinal)
    {
        JsonSyntaxError, InvalidEncoding, UnknownElement, MisplacedElement, DuplicateElement, InvalidElementType, MissingStatement,
        InvalidVersion, MissingEffect, InvalidEffect, MissingAction, MissingResource, MissingPrincipal, UnsupportedElementCombination,
        InvalidAction, InvalidArn, InvalidPrincipal, InvalidSid, DuplicateSid, UnsupportedActionInTrustPolicy,
    };

    /// <summary>
    /// True for the Error checks IAM itself enforces when it stores a policy (MalformedPolicyDocument); the others (unknown
    /// actions or condition keys, resource types, value types, size) are Access Analyzer's advice, which IAM accepts.
    /// </summary>
    public static bool IsRejectedByIam(string checkId) => Grammar.Contains(checkId);
}
