package io.aleph4j.api.message;

/** Why a message was rejected, with the reference node's exact numeric codes. */
public enum ErrorCode {
    INTERNAL_ERROR(-1),
    INVALID_FORMAT(0),
    INVALID_SIGNATURE(1),
    PERMISSION_DENIED(2),
    CONTENT_UNAVAILABLE(3),
    FILE_UNAVAILABLE(4),
    BALANCE_INSUFFICIENT(5),
    CREDIT_INSUFFICIENT(6),
    POST_AMEND_NO_TARGET(100),
    POST_AMEND_TARGET_NOT_FOUND(101),
    POST_AMEND_AMEND(102),
    STORE_REF_NOT_FOUND(200),
    STORE_UPDATE_UPDATE(201),
    INVALID_PAYMENT_METHOD(202),
    VM_REF_NOT_FOUND(300),
    VM_VOLUME_NOT_FOUND(301),
    VM_AMEND_NOT_ALLOWED(302),
    VM_UPDATE_UPDATE(303),
    VM_VOLUME_TOO_SMALL(304),
    FORGET_NO_TARGET(500),
    FORGET_TARGET_NOT_FOUND(501),
    FORGET_FORGET(502),
    FORGET_NOT_ALLOWED(503),
    FORGOTTEN_DUPLICATE(504);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The number the reference node stores and returns. */
    public int code() {
        return code;
    }

    /** The constant for a numeric code; throws {@link IllegalArgumentException} when there is none. */
    public static ErrorCode ofCode(int code) {
        for (ErrorCode errorCode : values()) {
            if (errorCode.code == code) {
                return errorCode;
            }
        }
        throw new IllegalArgumentException("unknown error code " + code);
    }
}
