// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title Groundwork rewards distributor: one funded pool per task, cumulative merkle roots
/// @notice A requester deposits any ERC-20 into the pool of a task. Each epoch the operator
/// posts the root of a tree whose leaves hold every (task, account)'s *cumulative* earnings,
/// together with each touched task's cumulative allocation. The chain enforces, whatever the
/// operator key does:
///   allocated(task) <= deposited(task)   (postRoot reverts otherwise)
///   paid(task)      <= allocated(task)   (claim reverts otherwise)
/// so a hostile or buggy root can at most redistribute a task's own deposit among accounts,
/// never pay one task from another task's funds. After requestClose and a delay, refund pays
/// the requester deposited - allocated; allocated but unclaimed funds stay claimable.
/// @dev Leaves use OpenZeppelin StandardMerkleTree encoding with types
/// (uint256 chainId, address distributor, bytes32 taskId, address account, uint256 cumulativeAmount).
contract RewardsDistributor is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice The network's default reward token (what the stake registry holds and the
    /// workstation pins). Pools may hold any ERC-20: each records its own.
    IERC20 public immutable token;
    /// @notice Seconds between requestClose and the moment allocations freeze and refund opens.
    uint64 public immutable closeDelay;

    // A claim reads slots 0 and 3 only. 128 bits hold 3.4e38 units (3.4e20 tokens of 18 decimals);
    // a deposit that would take a pool past that reverts (PoolTooLarge).
    struct Pool {
        IERC20 token; // slot 0 (with closesAt)
        uint64 closesAt; // 0 = open
        address requester; // slot 1
        uint256 deposited; // slot 2: credited, the balance increase actually received
        uint128 allocated; // slot 3: cumulative, declared by the operator with each root
        uint128 paid; // slot 3: cumulative, by claims
    }

    // Pause is folded into the root a claim reads (zero while paused, the real root held aside).
    bytes32 private _activeRoot;
    bytes32 private _heldRoot;
    uint64 public epoch;
    bool public paused;

    mapping(bytes32 taskId => Pool) private _pools;
    mapping(bytes32 taskId => mapping(address account => uint256)) public claimed;

    event Deposited(bytes32 indexed taskId, address indexed requester, address token, uint256 sent, uint256 credited, uint256 deposited);
    event CloseRequested(bytes32 indexed taskId, uint64 closesAt);
    event Refunded(bytes32 indexed taskId, address indexed requester, uint256 amount);
    event Allocated(bytes32 indexed taskId, uint256 allocated);
    event RootPosted(uint64 indexed epoch, bytes32 root);
    event Claimed(bytes32 indexed taskId, address indexed account, uint256 amount, uint256 cumulativeAmount);
    event Paused(address account);
    event Unpaused(address account);

    error ZeroAddress();
    error ZeroAmount();
    error ZeroRoot();
    error EpochNotIncreasing(uint64 current, uint64 proposed);
    error NoRootPosted();
    error RootChanged(bytes32 current, bytes32 expected);
    error InvalidProof();
    error NothingToClaim(uint256 alreadyClaimed, uint256 cumulativeAmount);
    error EnforcedPause();
    error ExpectedPause();
    error NotRequester(bytes32 taskId, address requester);
    error TokenMismatch(bytes32 taskId, address poolToken);
    error NothingCredited(bytes32 taskId);
    error UnknownPool(bytes32 taskId);
    error PoolClosing(bytes32 taskId, uint64 closesAt);
    error PoolClosed(bytes32 taskId, uint64 closesAt);
    error StillClosing(bytes32 taskId, uint64 closesAt);
    error NotClosing(bytes32 taskId);
    error NothingToRefund(bytes32 taskId);
    error LengthMismatch(uint256 taskIds, uint256 allocations);
    error AllocationShrinks(bytes32 taskId, uint256 current, uint256 proposed);
    error AllocationExceedsDeposit(bytes32 taskId, uint256 deposited, uint256 proposed);
    error ExceedsAllocation(bytes32 taskId, uint256 allocated, uint256 wouldBePaid);
    error PoolTooLarge(bytes32 taskId, uint256 deposited);

    constructor(IERC20 token_, address admin, address operator, uint64 closeDelay_) {
        if (address(token_) == address(0) || admin == address(0) || operator == address(0)) revert ZeroAddress();
        token = token_;
        closeDelay = closeDelay_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    // ---- pools ---------------------------------------------------------------------------

    /// @notice A task's pool; requester zero = no pool yet.
    function poolOf(bytes32 taskId)
        external
        view
        returns (address poolToken, address requester, uint64 closesAt, uint256 deposited, uint256 allocated, uint256 paid)
    {
        Pool storage p = _pools[taskId];
        return (address(p.token), p.requester, p.closesAt, p.deposited, p.allocated, p.paid);
    }

    /// @notice Funds `taskId` with `amount` of `token_` from the caller (approve first). The first
    /// deposit creates the pool and makes the caller its requester; later deposits must come from
    /// the requester, in the same token, before close is requested. The pool is credited with the
    /// balance increase actually received, so fee-on-transfer tokens are counted honestly.
    /// @return credited what the pool was credited with.
    function deposit(bytes32 taskId, IERC20 token_, uint256 amount) external nonReentrant returns (uint256 credited) {
        if (amount == 0) revert ZeroAmount();
        if (address(token_) == address(0)) revert ZeroAddress();
        Pool storage p = _pools[taskId];
        address requester = p.requester;
        if (requester == address(0)) {
            p.requester = msg.sender;
            p.token = token_;
        } else {
            if (requester != msg.sender) revert NotRequester(taskId, requester);
            if (address(p.token) != address(token_)) revert TokenMismatch(taskId, address(p.token));
            if (p.closesAt != 0) revert PoolClosing(taskId, p.closesAt);
        }
        // The one interaction before the effect it measures; nonReentrant covers it.
        uint256 before = token_.balanceOf(address(this));
        token_.safeTransferFrom(msg.sender, address(this), amount);
        uint256 afterwards = token_.balanceOf(address(this));
        if (afterwards <= before) revert NothingCredited(taskId);
        credited = afterwards - before;
        uint256 total = p.deposited + credited;
        if (total > type(uint128).max) revert PoolTooLarge(taskId, total);
        p.deposited = total;
        emit Deposited(taskId, msg.sender, address(token_), amount, credited, total);
    }

    /// @notice The requester starts closing its task: after `closeDelay` seconds allocations
    /// freeze and `refund` pays back what was never allocated. No deposits once closing.
    function requestClose(bytes32 taskId) external {
        Pool storage p = _pools[taskId];
        if (p.requester != msg.sender) revert NotRequester(taskId, p.requester);
        if (p.closesAt != 0) revert PoolClosing(taskId, p.closesAt);
        uint64 closesAt = uint64(block.timestamp) + closeDelay;
        p.closesAt = closesAt;
        emit CloseRequested(taskId, closesAt);
    }

    /// @notice Pays the requester deposited - allocated once the pool has closed. Anyone may send
    /// it; the tokens always go to the requester. Allocated funds stay for the annotators' claims.
    function refund(bytes32 taskId) external nonReentrant returns (uint256 amount) {
        Pool storage p = _pools[taskId];
        uint64 closesAt = p.closesAt;
        if (closesAt == 0) revert NotClosing(taskId);
        if (block.timestamp < closesAt) revert StillClosing(taskId, closesAt);
        uint256 allocated = p.allocated;
        amount = p.deposited - allocated;
        if (amount == 0) revert NothingToRefund(taskId);
        p.deposited = allocated;
        address requester = p.requester;
        emit Refunded(taskId, requester, amount);
        p.token.safeTransfer(requester, amount);
    }

    // ---- roots ---------------------------------------------------------------------------

    /// @notice The current root (also while paused), zero before the first post.
    function merkleRoot() external view returns (bytes32) {
        return paused ? _heldRoot : _activeRoot;
    }

    /// @notice Posts epoch `newEpoch`'s root and the cumulative allocation of each task whose
    /// leaves changed. Allocations never shrink, never exceed the task's deposit, and freeze
    /// once the task has closed. Tasks not listed keep their allocation.
    function postRoot(uint64 newEpoch, bytes32 newRoot, bytes32[] calldata taskIds, uint256[] calldata allocations)
        external
        onlyRole(OPERATOR_ROLE)
    {
        if (newRoot == bytes32(0)) revert ZeroRoot();
        if (taskIds.length != allocations.length) revert LengthMismatch(taskIds.length, allocations.length);
        uint64 current = epoch;
        if (newEpoch <= current) revert EpochNotIncreasing(current, newEpoch);
        for (uint256 i; i < taskIds.length; ++i) {
            bytes32 taskId = taskIds[i];
            uint256 proposed = allocations[i];
            Pool storage p = _pools[taskId];
            if (p.requester == address(0)) revert UnknownPool(taskId);
            uint256 allocated = p.allocated;
            if (proposed == allocated) continue;
            if (proposed < allocated) revert AllocationShrinks(taskId, allocated, proposed);
            if (proposed > p.deposited) revert AllocationExceedsDeposit(taskId, p.deposited, proposed);
            uint64 closesAt = p.closesAt;
            if (closesAt != 0 && block.timestamp >= closesAt) revert PoolClosed(taskId, closesAt);
            p.allocated = uint128(proposed); // proposed <= deposited <= type(uint128).max
            emit Allocated(taskId, proposed);
        }
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

    // ---- claims --------------------------------------------------------------------------

    /// @notice The leaf this contract expects for (taskId, account, cumulativeAmount).
    function leafOf(bytes32 taskId, address account, uint256 cumulativeAmount) public view returns (bytes32 leaf) {
        // keccak256(bytes.concat(keccak256(abi.encode(block.chainid, address(this), taskId, account,
        // cumulativeAmount)))), without the memory copies.
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, chainid())
            mstore(add(p, 0x20), address())
            mstore(add(p, 0x40), taskId)
            mstore(add(p, 0x60), account)
            mstore(add(p, 0x80), cumulativeAmount)
            mstore(0x00, keccak256(p, 0xa0))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @notice Pays `account` its cumulative earnings on `taskId` minus what it already claimed
    /// there, from that task's pool. Anyone may submit it; the tokens always go to `account`.
    /// @param expectedRoot the root the proof was made for (RootChanged if a newer one was posted).
    function claim(bytes32 taskId, address account, uint256 cumulativeAmount, bytes32 expectedRoot, bytes32[] calldata proof)
        external
        nonReentrant
    {
        bytes32 root = _activeRoot;
        if (root == bytes32(0)) {
            if (paused) revert EnforcedPause();
            revert NoRootPosted();
        }
        if (root != expectedRoot) revert RootChanged(root, expectedRoot);
        if (!MerkleProof.verifyCalldata(proof, root, leafOf(taskId, account, cumulativeAmount))) revert InvalidProof();
        uint256 already = claimed[taskId][account];
        if (cumulativeAmount <= already) revert NothingToClaim(already, cumulativeAmount);
        uint256 amount;
        unchecked {
            amount = cumulativeAmount - already;
        }
        Pool storage p = _pools[taskId];
        uint256 allocated = p.allocated;
        uint256 paid = p.paid + amount;
        if (paid > allocated) revert ExceedsAllocation(taskId, allocated, paid);
        claimed[taskId][account] = cumulativeAmount;
        p.paid = uint128(paid); // paid <= allocated <= type(uint128).max
        emit Claimed(taskId, account, amount, cumulativeAmount);
        p.token.safeTransfer(account, amount);
    }
}
