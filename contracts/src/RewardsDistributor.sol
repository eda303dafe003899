// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Groundwork rewards distributor (cumulative merkle roots)
/// @notice Each epoch the operator posts the root of a tree whose leaves hold every
/// account's *cumulative* earnings. A claim pays the difference to what the account
/// already received, so one claim collects any number of epochs.
/// @dev Leaves use OpenZeppelin StandardMerkleTree encoding with types
/// (uint256 chainId, address distributor, address account, uint256 cumulativeAmount):
/// keccak256(bytes.concat(keccak256(abi.encode(...)))). Binding chain and contract
/// into the leaf means a proof for another chain or deployment never verifies here.
contract RewardsDistributor is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    IERC20 public immutable token;

    // Pause is folded into the root a claim reads: while paused the active root is
    // zero and the real root waits in `_heldRoot`. A claim therefore pays one SLOAD
    // for "which root, and are we paused?" instead of two, and postRoot still writes
    // exactly one root slot.
    bytes32 private _activeRoot;
    bytes32 private _heldRoot;
    uint64 public epoch;
    bool public paused;

    mapping(address account => uint256) public claimed;

    event RootPosted(uint64 indexed epoch, bytes32 root);
    event Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount);
    event Paused(address account);
    event Unpaused(address account);

    error ZeroAddress();
    error ZeroRoot();
    error EpochNotIncreasing(uint64 current, uint64 proposed);
    error NoRootPosted();
    error RootChanged(bytes32 current, bytes32 expected);
    error InvalidProof();
    error NothingToClaim(uint256 alreadyClaimed, uint256 cumulativeAmount);
    error EnforcedPause();
    error ExpectedPause();

    constructor(IERC20 token_, address admin, address operator) {
        if (address(token_) == address(0) || admin == address(0) || operator == address(0)) revert ZeroAddress();
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice The current root (also while paused), zero before the first post.
    function merkleRoot() external view returns (bytes32) {
        return paused ? _heldRoot : _activeRoot;
    }

    function postRoot(uint64 newEpoch, bytes32 newRoot) external onlyRole(OPERATOR_ROLE) {
        if (newRoot == bytes32(0)) revert ZeroRoot();
        uint64 current = epoch;
        if (newEpoch <= current) revert EpochNotIncreasing(current, newEpoch);
        epoch = newEpoch;
        if (paused) _heldRoot = newRoot;
        else _activeRoot = newRoot;
        emit RootPosted(newEpoch, newRoot);
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        if (paused) revert EnforcedPause();
        paused = true;
        _heldRoot = _activeRoot;
        _activeRoot = bytes32(0);
        emit Paused(msg.sender);
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!paused) revert ExpectedPause();
        paused = false;
        _activeRoot = _heldRoot;
        _heldRoot = bytes32(0);
        emit Unpaused(msg.sender);
    }

    /// @notice The leaf this contract expects for (account, cumulativeAmount).
    function leafOf(address account, uint256 cumulativeAmount) public view returns (bytes32 leaf) {
        // Same bytes as keccak256(bytes.concat(keccak256(abi.encode(block.chainid,
        // address(this), account, cumulativeAmount)))), without the memory copies.
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, chainid())
            mstore(add(p, 0x20), address())
            mstore(add(p, 0x40), account)
            mstore(add(p, 0x60), cumulativeAmount)
            mstore(0x00, keccak256(p, 0x80))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @notice Pays `account` its cumulative earnings minus what it already claimed.
    /// Anyone may submit it; the tokens always go to `account`.
    /// @param expectedRoot the root the proof was made for: if the operator posted a
    /// newer root meanwhile, the claim reverts with RootChanged instead of failing
    /// with a confusing InvalidProof.
    function claim(address account, uint256 cumulativeAmount, bytes32 expectedRoot, bytes32[] calldata proof)
        external
    {
        bytes32 root = _activeRoot;
        if (root == bytes32(0)) {
            if (paused) revert EnforcedPause();
            revert NoRootPosted();
        }
        if (root != expectedRoot) revert RootChanged(root, expectedRoot);
        if (!MerkleProof.verifyCalldata(proof, root, leafOf(account, cumulativeAmount))) revert InvalidProof();
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert NothingToClaim(already, cumulativeAmount);
        claimed[account] = cumulativeAmount;
        uint256 amount;
        unchecked {
            amount = cumulativeAmount - already;
        }
        emit Claimed(account, amount, cumulativeAmount);
        token.safeTransfer(account, amount);
    }
}
